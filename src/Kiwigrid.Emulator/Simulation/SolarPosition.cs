namespace Kiwigrid.Emulator.Simulation;

/// <summary>Where the sun stands for an observer, after NOAA's general solar position equations (about 0.1° accurate).</summary>
/// <param name="ElevationDegrees">Angle above the horizon; negative at night.</param>
/// <param name="AzimuthDegrees">Compass direction, clockwise from north (180 = south).</param>
/// <param name="DeclinationDegrees">The sun's declination.</param>
/// <param name="HourAngleDegrees">Negative before solar noon, positive after.</param>
internal readonly record struct SolarPosition(double ElevationDegrees, double AzimuthDegrees, double DeclinationDegrees, double HourAngleDegrees)
{
    /// <summary>The sun's position at <paramref name="time"/> seen from the given place.</summary>
    public static SolarPosition At(double latitudeDegrees, double longitudeDegrees, DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var hours = utc.TimeOfDay.TotalHours;
        var gamma = 2 * Math.PI / DaysInYear(utc.Year) * (utc.DayOfYear - 1 + ((hours - 12) / 24));

        var equationOfTimeMinutes = 229.18 * (0.000075 + (0.001868 * Math.Cos(gamma)) - (0.032077 * Math.Sin(gamma))
            - (0.014615 * Math.Cos(2 * gamma)) - (0.040849 * Math.Sin(2 * gamma)));
        var declination = 0.006918 - (0.399912 * Math.Cos(gamma)) + (0.070257 * Math.Sin(gamma))
            - (0.006758 * Math.Cos(2 * gamma)) + (0.000907 * Math.Sin(2 * gamma))
            - (0.002697 * Math.Cos(3 * gamma)) + (0.00148 * Math.Sin(3 * gamma));

        var trueSolarMinutes = (hours * 60) + equationOfTimeMinutes + (4 * longitudeDegrees);
        var hourAngleDegrees = Normalize((trueSolarMinutes / 4) - 180);

        var latitude = ToRadians(latitudeDegrees);
        var hourAngle = ToRadians(hourAngleDegrees);
        var cosZenith = (Math.Sin(latitude) * Math.Sin(declination)) + (Math.Cos(latitude) * Math.Cos(declination) * Math.Cos(hourAngle));
        var elevation = 90 - ToDegrees(Math.Acos(Math.Clamp(cosZenith, -1, 1)));

        // Azimuth measured from south, westward positive; +180 turns it into a compass bearing.
        var fromSouth = Math.Atan2(Math.Sin(hourAngle), (Math.Cos(hourAngle) * Math.Sin(latitude)) - (Math.Tan(declination) * Math.Cos(latitude)));
        var azimuth = Normalize360(ToDegrees(fromSouth) + 180);

        return new SolarPosition(elevation, azimuth, ToDegrees(declination), hourAngleDegrees);
    }

    internal static double ToRadians(double degrees) => degrees * Math.PI / 180;

    internal static double ToDegrees(double radians) => radians * 180 / Math.PI;

    private static int DaysInYear(int year) => DateTime.IsLeapYear(year) ? 366 : 365;

    private static double Normalize(double degrees) => Normalize360(degrees + 180) - 180;

    private static double Normalize360(double degrees) => ((degrees % 360) + 360) % 360;
}
