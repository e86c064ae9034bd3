namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// Cloudless irradiance on a tilted module plane: Meinel's beam attenuation with the Kasten–Young air mass, an
/// isotropic diffuse sky and 20 % ground albedo. Simple, but it gets day length, seasons and orientation right.
/// </summary>
internal static class ClearSkyIrradiance
{
    private const double SolarConstant = 1361;
    private const double Albedo = 0.2;
    private const double DiffuseFraction = 0.1;

    /// <summary>Plane-of-array irradiance in W/m²; 0 while the sun is below the horizon.</summary>
    public static double OnPlane(SolarPosition sun, int dayOfYear, double tiltDegrees, double azimuthDegrees)
    {
        if (sun.ElevationDegrees <= 0)
        {
            return 0;
        }

        var extraterrestrial = SolarConstant * (1 + (0.033 * Math.Cos(2 * Math.PI * dayOfYear / 365)));
        var sinElevation = Math.Sin(SolarPosition.ToRadians(sun.ElevationDegrees));
        var airMass = 1 / (sinElevation + (0.50572 * Math.Pow(sun.ElevationDegrees + 6.07995, -1.6364)));
        var beamNormal = extraterrestrial * Math.Pow(0.7, Math.Pow(airMass, 0.678));
        var diffuseHorizontal = DiffuseFraction * beamNormal;
        var globalHorizontal = (beamNormal * sinElevation) + diffuseHorizontal;

        var tilt = SolarPosition.ToRadians(tiltDegrees);
        var zenith = SolarPosition.ToRadians(90 - sun.ElevationDegrees);
        var cosIncidence = (Math.Cos(zenith) * Math.Cos(tilt))
            + (Math.Sin(zenith) * Math.Sin(tilt) * Math.Cos(SolarPosition.ToRadians(sun.AzimuthDegrees - azimuthDegrees)));

        return (beamNormal * Math.Max(cosIncidence, 0))
            + (diffuseHorizontal * (1 + Math.Cos(tilt)) / 2)
            + (Albedo * globalHorizontal * (1 - Math.Cos(tilt)) / 2);
    }
}
