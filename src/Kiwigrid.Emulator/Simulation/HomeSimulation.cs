namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// The simulated home, step by step: PV, house, car, battery and grid. Pure state and arithmetic, no devices and
/// no clock: the caller decides when and how far to step. Every value is the average over the last step, and
/// every counter is the integral of those averages.
/// </summary>
internal sealed class HomeSimulation
{
    /// <summary>The Keba's power at 16 A on three phases.</summary>
    public const double EvMaxPower = 11_040;

    /// <summary>The Keba's least charging power (6 A on three phases, its <c>PowerACInMin</c>).</summary>
    public const double EvMinPower = 1_380;

    // Counters start as if the home had run this long, so they look like a real site's.
    private const double YearsInstalled = 2.5;
    private const double SpecificYieldWhPerWp = 950;
    private const double EvSessionsWhPerYear = 365 * 0.45 * 12_500;

    private readonly SolarArray _solar;
    private readonly HouseLoad _house;
    private readonly EvChargingSessions? _ev;
    private readonly double _feedInLimit;
    private readonly double _plugLoad;

    public HomeSimulation(SimulationOptions options, TimeZoneInfo timeZone, DateTimeOffset begin)
    {
        _solar = new SolarArray(options);
        _house = new HouseLoad(options.Seed, options.HouseAnnualConsumption, timeZone);
        _ev = options.WithEvStation ? new EvChargingSessions(options.Seed, timeZone, EvMaxPower, EvMinPower) : null;
        _plugLoad = options.WithPlug ? options.PlugPower : 0;
        _feedInLimit = options.FeedInLimitFraction * options.PvPeakPower;
        Battery = new BatteryStorage(options.BatteryCapacity, options.BatteryMaxChargePower, options.BatteryMaxDischargePower,
            options.BatteryRoundTripEfficiency, options.InitialStateOfCharge);
        Time = begin;
        (Work, EvWork) = InstalledHistory(options, Battery);
    }

    /// <summary>The simulated time at the end of the last step.</summary>
    public DateTimeOffset Time { get; private set; }

    public BatteryStorage Battery { get; }

    /// <summary>Average power flows over the last step, W.</summary>
    public EnergyFlow Power { get; private set; }

    /// <summary>Cumulative energy flows since installation, Wh.</summary>
    public EnergyFlow Work { get; private set; }

    /// <summary>What the PV could have delivered in the last step, before feed-in curtailment, W.</summary>
    public double AvailablePv { get; private set; }

    /// <summary>The wallbox's average power over the last step, W.</summary>
    public double EvPower { get; private set; }

    /// <summary>Energy the wallbox delivered since installation, Wh.</summary>
    public double EvWork { get; private set; }

    /// <summary>What the appliance on the smart plug drew over the last step, W (0 while switched off).</summary>
    public double PlugPower { get; private set; }

    /// <summary>Energy through the smart plug since the simulation began, Wh.</summary>
    public double PlugWork { get; private set; }

    /// <summary>Energy delivered in the car's current or last session, Wh.</summary>
    public double EvSessionWork => _ev?.SessionDelivered ?? 0;

    /// <summary>Advances the home by <paramref name="length"/> with the given settings.</summary>
    public void Step(TimeSpan length, HomeSettings settings)
    {
        var hours = length.TotalHours;
        var midpoint = Time + (length / 2);

        AvailablePv = _solar.AvailablePower(midpoint);
        var house = _house.PowerAt(midpoint);

        // The house comes first, then the plug, then the car: "PV surplus" is what the PV gives beyond those before.
        var surplus = AvailablePv - house;
        var plugRuns = settings.PlugEnabled && (!settings.PlugFromSurplusOnly || surplus >= _plugLoad);
        PlugPower = plugRuns ? _plugLoad : 0;
        surplus -= PlugPower;
        var evAvailable = !settings.EvStationEnabled ? 0 : settings.EvFromSurplusOnly ? Math.Max(surplus, 0) : EvMaxPower;
        EvPower = Math.Round(_ev?.Step(midpoint, hours, evAvailable) ?? 0, 3);

        var minimum = settings.MinimumStateOfCharge;
        Power = EnergyFlow.Balance(AvailablePv, house + PlugPower + EvPower, Battery.ChargeLimit(hours), Battery.DischargeLimit(hours, minimum), _feedInLimit);
        Battery.Apply(Power.Buffered, Power.Released, hours, minimum);
        Work += Power.Times(hours);
        EvWork += EvPower * hours;
        PlugWork += PlugPower * hours;
        Time += length;
    }

    private static (EnergyFlow Work, double EvWork) InstalledHistory(SimulationOptions options, BatteryStorage battery)
    {
        var yield = SpecificYieldWhPerWp * options.PvPeakPower;
        var evWh = options.WithEvStation ? EvSessionsWhPerYear : 0;
        var buffered = 0.17 * yield;
        var released = buffered * options.BatteryRoundTripEfficiency;
        var direct = 0.28 * yield;
        var fromGrid = Math.Max(0, (options.HouseAnnualConsumption * 1000) + evWh - direct - released);

        battery.Charged = buffered * Math.Sqrt(options.BatteryRoundTripEfficiency) * YearsInstalled;
        battery.Discharged = released / Math.Sqrt(options.BatteryRoundTripEfficiency) * YearsInstalled;
        var perYear = new EnergyFlow(direct, fromGrid, released, buffered, 0, 0.55 * yield, 0);
        return (perYear.Times(YearsInstalled), evWh * YearsInstalled);
    }
}
