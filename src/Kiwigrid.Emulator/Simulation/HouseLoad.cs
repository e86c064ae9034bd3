namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// The household's consumption (without the EV): a steady base load, morning, midday and evening peaks in local
/// time scaled to the annual consumption (a little higher in winter), and seeded appliance runs — kettles, an oven,
/// a washing machine — that give the short 2–3 kW moments real meters show.
/// </summary>
internal sealed class HouseLoad
{
    private const int BaseStream = 201;
    private const int WiggleStream = 202;
    private const int PeakNoiseStream = 203;
    private const int ApplianceStream = 204;

    private const double KettlePower = 2000;
    private const double KettleHours = 3 / 60.0;
    private const double OvenPower = 2200;
    private const double OvenHours = 50 / 60.0;
    private const double OvenChance = 0.4;
    private const double WasherHeatingPower = 2000;
    private const double WasherHeatingHours = 15 / 60.0;
    private const double WasherMotorPower = 250;
    private const double WasherMotorHours = 75 / 60.0;
    private const double WasherChance = 0.4;

    // Expected appliance energy a day (kettles 2–4, oven and washer by chance), so the peaks carry the rest.
    private const double ApplianceWhPerDay = (3 * KettlePower * KettleHours)
        + (OvenChance * OvenPower * OvenHours)
        + (WasherChance * ((WasherHeatingPower * WasherHeatingHours) + (WasherMotorPower * WasherMotorHours)));

    // Daily peaks as (local hour, width in hours, relative height).
    private static readonly (double Hour, double Width, double Height)[] Peaks = [(7.0, 0.8, 1.0), (12.5, 1.2, 0.5), (19.0, 1.8, 1.6)];

    private static readonly (double From, double To)[] KettleWindows = [(6.5, 8.5), (15, 17), (12, 13), (19, 21)];

    private readonly int _seed;
    private readonly double _annualWh;
    private readonly TimeZoneInfo _timeZone;
    private readonly double _baseLoad;

    public HouseLoad(int seed, double annualKilowattHours, TimeZoneInfo timeZone)
    {
        _seed = seed;
        _annualWh = annualKilowattHours * 1000;
        _timeZone = timeZone;
        _baseLoad = 260 + (80 * SeededNoise.Uniform(seed, BaseStream, 0));
    }

    /// <summary>The house's power draw in W at <paramref name="time"/>.</summary>
    public double PowerAt(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, _timeZone);
        var hour = local.TimeOfDay.TotalHours;
        var absoluteHours = time.ToUnixTimeMilliseconds() / 3_600_000.0;

        var wiggle = 10 * ((2 * SeededNoise.Smooth(_seed, WiggleStream, absoluteHours * 3)) - 1);
        var peakNoise = 0.8 + (0.4 * SeededNoise.Smooth(_seed, PeakNoiseStream, absoluteHours * 2));
        var peaks = PeakHeight(local.DayOfYear) * peakNoise * PeakShape(hour);

        return Math.Max(0, _baseLoad + wiggle + peaks + AppliancePower(DateOnly.FromDateTime(local.DateTime).DayNumber, hour));
    }

    private double PeakHeight(int dayOfYear)
    {
        var seasonal = 1 + (0.1 * Math.Cos(2 * Math.PI * (dayOfYear - 15) / 365.0));
        var dailyWh = _annualWh / 365 * seasonal;
        var shapeArea = 0.0;
        foreach (var peak in Peaks)
        {
            shapeArea += peak.Height * peak.Width * Math.Sqrt(2 * Math.PI);
        }

        return Math.Max(0, (dailyWh - (_baseLoad * 24) - ApplianceWhPerDay) / shapeArea);
    }

    private static double PeakShape(double hour)
    {
        var sum = 0.0;
        foreach (var peak in Peaks)
        {
            var z = (hour - peak.Hour) / peak.Width;
            sum += peak.Height * Math.Exp(-z * z / 2);
        }

        return sum;
    }

    private double AppliancePower(int dayNumber, double hour)
    {
        var draw = 0.0;
        long key = (long)dayNumber * 16;

        var kettles = 2 + (int)(3 * SeededNoise.Uniform(_seed, ApplianceStream, key));
        for (var i = 0; i < kettles; i++)
        {
            var (from, to) = KettleWindows[i % KettleWindows.Length];
            var start = from + ((to - from) * SeededNoise.Uniform(_seed, ApplianceStream, key + 1 + i));
            draw += Running(hour, start, KettleHours) ? KettlePower : 0;
        }

        if (SeededNoise.Uniform(_seed, ApplianceStream, key + 8) < OvenChance)
        {
            var start = 17.5 + SeededNoise.Uniform(_seed, ApplianceStream, key + 9);
            draw += Running(hour, start, OvenHours) ? OvenPower : 0;
        }

        if (SeededNoise.Uniform(_seed, ApplianceStream, key + 10) < WasherChance)
        {
            var start = 9 + (9 * SeededNoise.Uniform(_seed, ApplianceStream, key + 11));
            draw += Running(hour, start, WasherHeatingHours) ? WasherHeatingPower : 0;
            draw += Running(hour, start + WasherHeatingHours, WasherMotorHours) ? WasherMotorPower : 0;
        }

        return draw;
    }

    private static bool Running(double hour, double start, double duration) => hour >= start && hour < start + duration;
}
