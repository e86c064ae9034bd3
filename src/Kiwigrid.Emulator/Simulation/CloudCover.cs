namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// How much of the clear-sky irradiance gets through the clouds: slow weather (hours) plus passing clouds (tens of
/// minutes), darker in winter as in central Europe. Deterministic per seed.
/// </summary>
internal sealed class CloudCover
{
    private const int WeatherStream = 101;
    private const int PassingCloudStream = 102;
    private const double MinimumTransmission = 0.08;

    private readonly int _seed;
    private readonly double _cloudiness;

    public CloudCover(int seed, double cloudiness)
    {
        _seed = seed;
        _cloudiness = cloudiness;
    }

    /// <summary>The fraction of clear-sky irradiance reaching the modules, in [0.08, 1]; 1 without clouds.</summary>
    public double Transmission(DateTimeOffset time)
    {
        if (_cloudiness <= 0)
        {
            return 1;
        }

        var hours = time.ToUnixTimeMilliseconds() / 3_600_000.0;
        var cover = (0.65 * SeededNoise.Smooth(_seed, WeatherStream, hours / 7))
            + (0.35 * SeededNoise.Smooth(_seed, PassingCloudStream, hours / 0.75));

        // Mean attenuation about 0.6 at the winter solstice and 0.34 in midsummer.
        var dayOfYear = time.UtcDateTime.DayOfYear;
        var seasonal = 0.47 + (0.13 * Math.Cos(2 * Math.PI * (dayOfYear - 355) / 365.0));
        return Math.Clamp(1 - (_cloudiness * 2 * seasonal * cover), MinimumTransmission, 1);
    }
}
