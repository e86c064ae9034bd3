using Kiwigrid.Emulator.Simulation;

namespace Kiwigrid.Emulator.Tests.Simulation;

public class SolarPositionTests
{
    [Theory]
    [InlineData(6, 21, 62.4, 23.44)]   // 90° − 51° + 23.44°
    [InlineData(12, 21, 15.6, -23.44)] // 90° − 51° − 23.44°
    public void Noon_elevation_at_51_north_matches_the_solstice_reference(int month, int day, double expectedElevation, double expectedDeclination)
    {
        var noon = HighestSun(51, 10, new DateTimeOffset(2025, month, day, 0, 0, 0, TimeSpan.Zero));

        Assert.InRange(noon.ElevationDegrees, expectedElevation - 0.3, expectedElevation + 0.3);
        Assert.InRange(noon.DeclinationDegrees, expectedDeclination - 0.15, expectedDeclination + 0.15);
        Assert.InRange(noon.AzimuthDegrees, 179, 181);
        Assert.InRange(noon.HourAngleDegrees, -0.5, 0.5);
    }

    [Fact]
    public void Solar_noon_at_10_east_comes_near_11_20_UTC_in_June()
    {
        // 12:00 − 40 min for 10° east of Greenwich, minus about 1.5 min equation of time on 21 June.
        var noon = HighestSunTime(51, 10, new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.Zero));

        Assert.InRange(noon.TimeOfDay.TotalMinutes, (11 * 60) + 18, (11 * 60) + 23);
    }

    [Fact]
    public void The_sun_rises_in_the_east_sets_in_the_west_and_is_below_the_horizon_at_midnight()
    {
        var morning = SolarPosition.At(51, 10, new DateTimeOffset(2025, 6, 21, 5, 0, 0, TimeSpan.Zero));
        var evening = SolarPosition.At(51, 10, new DateTimeOffset(2025, 6, 21, 17, 0, 0, TimeSpan.Zero));
        var midnight = SolarPosition.At(51, 10, new DateTimeOffset(2025, 6, 21, 23, 20, 0, TimeSpan.Zero));

        Assert.InRange(morning.AzimuthDegrees, 50, 110);
        Assert.InRange(evening.AzimuthDegrees, 250, 310);
        Assert.True(midnight.ElevationDegrees < -10, $"elevation at midnight {midnight.ElevationDegrees}");
    }

    [Fact]
    public void Clear_sky_irradiance_is_zero_at_night_and_near_one_kilowatt_on_a_south_roof_at_june_noon()
    {
        var noon = HighestSun(51, 10, new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.Zero));
        var night = SolarPosition.At(51, 10, new DateTimeOffset(2025, 6, 21, 23, 0, 0, TimeSpan.Zero));

        Assert.InRange(ClearSkyIrradiance.OnPlane(noon, 172, 30, 180), 900, 1100);
        Assert.Equal(0, ClearSkyIrradiance.OnPlane(night, 172, 30, 180));
    }

    [Fact]
    public void A_north_roof_gets_only_diffuse_light_at_december_noon()
    {
        var noon = HighestSun(51, 10, new DateTimeOffset(2025, 12, 21, 0, 0, 0, TimeSpan.Zero));

        var south = ClearSkyIrradiance.OnPlane(noon, 355, 30, 180);
        var north = ClearSkyIrradiance.OnPlane(noon, 355, 30, 0);

        Assert.InRange(south, 350, 650);
        Assert.True(north < south / 4, $"north {north} W/m², south {south} W/m²");
    }

    private static SolarPosition HighestSun(double latitude, double longitude, DateTimeOffset day) =>
        SolarPosition.At(latitude, longitude, HighestSunTime(latitude, longitude, day));

    private static DateTimeOffset HighestSunTime(double latitude, double longitude, DateTimeOffset day)
    {
        var best = day;
        for (var t = day; t < day.AddDays(1); t = t.AddSeconds(20))
        {
            if (SolarPosition.At(latitude, longitude, t).ElevationDegrees > SolarPosition.At(latitude, longitude, best).ElevationDegrees)
            {
                best = t;
            }
        }

        return best;
    }
}
