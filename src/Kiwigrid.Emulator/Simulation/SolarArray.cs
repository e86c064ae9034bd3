namespace Kiwigrid.Emulator.Simulation;

/// <summary>The PV modules and their inverter: AC power from sun, orientation and clouds, clipped at the inverter's limit.</summary>
internal sealed class SolarArray
{
    // System losses (wiring, temperature, inverter efficiency) as a typical performance ratio.
    private const double PerformanceRatio = 0.86;

    private readonly SimulationOptions _options;
    private readonly CloudCover _clouds;

    public SolarArray(SimulationOptions options)
    {
        _options = options;
        _clouds = new CloudCover(options.Seed, options.Cloudiness);
    }

    /// <summary>AC power in W the array could deliver at <paramref name="time"/>, before any feed-in curtailment.</summary>
    public double AvailablePower(DateTimeOffset time)
    {
        var sun = SolarPosition.At(_options.Latitude, _options.Longitude, time);
        if (sun.ElevationDegrees <= 0)
        {
            return 0;
        }

        var irradiance = ClearSkyIrradiance.OnPlane(sun, time.UtcDateTime.DayOfYear, _options.PvTilt, _options.PvAzimuth);
        var power = _options.PvPeakPower * irradiance / 1000 * PerformanceRatio * _clouds.Transmission(time);
        return Math.Min(power, _options.InverterMaxPower);
    }
}
