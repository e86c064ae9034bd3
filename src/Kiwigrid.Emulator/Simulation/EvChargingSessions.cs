namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// The car at the wallbox: on some evenings it arrives between 17:00 and 20:00 local time wanting 10–15 kWh, charges
/// with what it is given (up to full power, nothing below the station's minimum) and leaves at 07:00. Seeded per day.
/// </summary>
internal sealed class EvChargingSessions
{
    private const int SessionStream = 301;
    private const double SessionChance = 0.45;
    private const double DepartureHour = 7;

    private readonly int _seed;
    private readonly TimeZoneInfo _timeZone;
    private readonly double _maxPower;
    private readonly double _minPower;
    private int? _sessionDay;
    private double _sessionEnergy;

    public EvChargingSessions(int seed, TimeZoneInfo timeZone, double maxPower, double minPower)
    {
        _seed = seed;
        _timeZone = timeZone;
        _maxPower = maxPower;
        _minPower = minPower;
    }

    /// <summary>Energy in Wh delivered in the current (or last) session.</summary>
    public double SessionDelivered { get; private set; }

    /// <summary>
    /// Charges for one step and returns the average power in W. <paramref name="midpoint"/> decides whether a car
    /// is plugged in; nothing flows while <paramref name="available"/> is below the station's minimum (switched off,
    /// or too little PV surplus), but the car stays and waits.
    /// </summary>
    /// <param name="midpoint">The middle of the step.</param>
    /// <param name="hours">The step's length.</param>
    /// <param name="available">The most the station may draw now, W.</param>
    public double Step(DateTimeOffset midpoint, double hours, double available)
    {
        var day = PluggedSession(midpoint);
        if (day is null)
        {
            return 0;
        }

        if (day != _sessionDay)
        {
            _sessionDay = day;
            _sessionEnergy = 10_000 + (5_000 * SeededNoise.Uniform(_seed, SessionStream, ((long)day.Value * 4) + 2));
            SessionDelivered = 0;
        }

        if (available < _minPower)
        {
            return 0;
        }

        var power = Math.Min(Math.Min(_maxPower, available), (_sessionEnergy - SessionDelivered) / hours);
        SessionDelivered += power * hours;
        return power;
    }

    private int? PluggedSession(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, _timeZone);
        var today = DateOnly.FromDateTime(local.DateTime).DayNumber;
        var hour = local.TimeOfDay.TotalHours;
        if (HasSession(today, out var arrival) && hour >= arrival)
        {
            return today;
        }

        return hour < DepartureHour && HasSession(today - 1, out _) ? today - 1 : null;
    }

    private bool HasSession(int day, out double arrivalHour)
    {
        arrivalHour = 17 + (3 * SeededNoise.Uniform(_seed, SessionStream, ((long)day * 4) + 1));
        return SeededNoise.Uniform(_seed, SessionStream, (long)day * 4) < SessionChance;
    }
}
