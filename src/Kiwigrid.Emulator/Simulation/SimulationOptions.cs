namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// The simulated home: where it is, what is installed, how fast its clock runs and which seed decides its weather
/// and habits. Same seed and start give the same numbers.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>A Battery flex home near Dresden with an 8 kWp south-facing plant, starting 21 June 2025 at midnight.</summary>
    public static SimulationOptions Default { get; } = new();

    /// <summary>Decides clouds, appliance events, EV sessions and device serials.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The simulated time at the moment the site is created.</summary>
    public DateTimeOffset Start { get; init; } = new(2025, 6, 21, 0, 0, 0, TimeSpan.FromHours(2));

    /// <summary>Simulated seconds per clock second: 1 is real time, 60 makes a simulated hour pass in a real minute.</summary>
    public double SpeedFactor { get; init; } = 1;

    /// <summary>
    /// How long the home has already run at <see cref="Start"/>: the site simulates this span when it is created, so
    /// its state at <see cref="Start"/> (battery, counters) is where that past led, and the history export's rows from
    /// <c>Start − RunUp</c> on retrace the same run into the live values. Zero (the default) starts fresh at
    /// <see cref="Start"/> with <see cref="InitialStateOfCharge"/>.
    /// </summary>
    public TimeSpan RunUp { get; init; } = TimeSpan.Zero;

    /// <summary>Where the simulation begins: <see cref="Start"/> − <see cref="RunUp"/>.</summary>
    internal DateTimeOffset Origin => Start - RunUp;

    /// <summary>Length of one simulation step in simulated time.</summary>
    public TimeSpan StepLength { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Degrees north.</summary>
    public double Latitude { get; init; } = 51.05;

    /// <summary>Degrees east.</summary>
    public double Longitude { get; init; } = 13.74;

    /// <summary>IANA time zone of the home; its habits (breakfast, dinner) follow local time.</summary>
    public string TimeZoneId { get; init; } = "Europe/Berlin";

    /// <summary>Postal code shown in <c>AddressLocation</c>.</summary>
    public string PostalCode { get; init; } = "01067";

    /// <summary>City shown in <c>AddressLocation</c>.</summary>
    public string City { get; init; } = "Dresden";

    /// <summary>ISO country code shown in <c>AddressLocation</c>.</summary>
    public string Country { get; init; } = "DE";

    /// <summary>The Energy Manager's serial, which is also its guid and part of other guids.</summary>
    public string EnergyManagerSerial { get; init; } = "ERC05-000012345";

    /// <summary>Installed PV peak power in Wp.</summary>
    public double PvPeakPower { get; init; } = 8000;

    /// <summary>Degrees from north the modules face (180 = south).</summary>
    public double PvAzimuth { get; init; } = 180;

    /// <summary>Module tilt in degrees from horizontal.</summary>
    public double PvTilt { get; init; } = 30;

    /// <summary>The inverter's AC limit in W.</summary>
    public double InverterMaxPower { get; init; } = 8200;

    /// <summary>Feed-in may not exceed this fraction of the peak power (the German 70 % rule); PV is curtailed above it.</summary>
    public double FeedInLimitFraction { get; init; } = 0.7;

    /// <summary>How cloudy the climate is: 0 gives clear sky every day, 1 a typical central European year.</summary>
    public double Cloudiness { get; init; } = 1;

    /// <summary>Usable battery capacity in Wh (Battery flex: 4 modules of 2400 Wh).</summary>
    public double BatteryCapacity { get; init; } = 9600;

    /// <summary>Number of Battery flex modules shown in <c>CountBatteryModules</c>.</summary>
    public int BatteryModules { get; init; } = 4;

    /// <summary>Highest AC charging power in W.</summary>
    public double BatteryMaxChargePower { get; init; } = 3000;

    /// <summary>Highest AC discharging power in W.</summary>
    public double BatteryMaxDischargePower { get; init; } = 3000;

    /// <summary>Round-trip efficiency, AC to AC (0–1]; half the loss is taken when charging, half when discharging.</summary>
    public double BatteryRoundTripEfficiency { get; init; } = 0.9;

    /// <summary>Initial <c>StateOfChargeMinimum</c> in %; the battery does not discharge below it.</summary>
    public double MinimumStateOfCharge { get; init; } = 10;

    /// <summary>State of charge in % at <see cref="Start"/> − <see cref="RunUp"/>.</summary>
    public double InitialStateOfCharge { get; init; } = 50;

    /// <summary>Whether the home has a Keba 11 kW EV charging station.</summary>
    public bool WithEvStation { get; init; } = true;

    /// <summary>
    /// Whether the home has a smart plug (myStrom) with an appliance (a dehumidifier) drawing <see cref="PlugPower"/>
    /// around the clock, on top of the house's consumption, until it is switched off.
    /// </summary>
    public bool WithPlug { get; init; }

    /// <summary>What the appliance on the smart plug draws while it runs, W.</summary>
    public double PlugPower { get; init; } = 180;

    /// <summary>The house's consumption in kWh a year, without the EV.</summary>
    public double HouseAnnualConsumption { get; init; } = 4000;

    /// <summary>Grid price in ct/kWh shown in <c>PriceWorkIn</c>.</summary>
    public double GridPrice { get; init; } = 32;

    /// <summary>Feed-in tariff in ct/kWh shown in <c>PriceProfitFeedin</c>.</summary>
    public double FeedInTariff { get; init; } = 8;

    /// <summary>Throws when a value is outside what the simulation can model.</summary>
    internal void Validate()
    {
        Require(SpeedFactor > 0, "SpeedFactor must be positive.");
        Require(StepLength >= TimeSpan.FromSeconds(1) && StepLength <= TimeSpan.FromMinutes(15), "StepLength must be between 1 s and 15 min.");
        Require(RunUp >= TimeSpan.Zero && RunUp <= TimeSpan.FromDays(7), "RunUp must be between 0 and 7 days.");
        Require(Latitude is >= -90 and <= 90, "Latitude must be between -90 and 90 degrees.");
        Require(Longitude is >= -180 and <= 180, "Longitude must be between -180 and 180 degrees.");
        Require(PvPeakPower >= 0 && InverterMaxPower >= 0, "PV peak and inverter power must not be negative.");
        Require(PvTilt is >= 0 and <= 90, "PvTilt must be between 0 and 90 degrees.");
        Require(FeedInLimitFraction is >= 0 and <= 1, "FeedInLimitFraction must be between 0 and 1.");
        Require(Cloudiness is >= 0 and <= 1, "Cloudiness must be between 0 and 1.");
        Require(BatteryCapacity > 0 && BatteryModules > 0, "BatteryCapacity and BatteryModules must be positive.");
        Require(BatteryMaxChargePower >= 0 && BatteryMaxDischargePower >= 0, "Battery power limits must not be negative.");
        Require(BatteryRoundTripEfficiency is > 0 and <= 1, "BatteryRoundTripEfficiency must be in (0, 1].");
        Require(MinimumStateOfCharge is >= 0 and <= 100, "MinimumStateOfCharge must be between 0 and 100.");
        Require(InitialStateOfCharge is >= 0 and <= 100, "InitialStateOfCharge must be between 0 and 100.");
        Require(HouseAnnualConsumption >= 0, "HouseAnnualConsumption must not be negative.");
        Require(PlugPower >= 0, "PlugPower must not be negative.");
        Require(!string.IsNullOrWhiteSpace(EnergyManagerSerial), "EnergyManagerSerial must not be empty.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
