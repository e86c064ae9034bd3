namespace Kiwigrid.Client.Devices;

/// <summary>Names of the tags this library reads; any other tag is reachable by its name too.</summary>
public static class TagNames
{
    /// <summary>Display name of a device.</summary>
    public const string IdName = "IdName";

    /// <summary>Manufacturer.</summary>
    public const string IdManufacturer = "IdManufacturer";

    /// <summary>Model code (for an Energy Manager: ERC04, ERC05, …).</summary>
    public const string IdModelCode = "IdModelCode";

    /// <summary>Serial number.</summary>
    public const string IdSerialNumber = "IdSerialNumber";

    /// <summary>Firmware version.</summary>
    public const string IdFirmware = "IdFirmware";

    /// <summary>Device state: <c>OK</c>, else <c>ERROR</c>/<c>FATAL</c>.</summary>
    public const string StateDevice = "StateDevice";

    /// <summary>Whether integrations show the device (false for the Energy Manager and apps).</summary>
    public const string StateVisibleIsSet = "StateVisibleIsSet";

    /// <summary>Location: PV production, W.</summary>
    public const string PowerProduced = "PowerProduced";

    /// <summary>Location: house consumption, W.</summary>
    public const string PowerConsumed = "PowerConsumed";

    /// <summary>Location: consumption covered by the grid, W.</summary>
    public const string PowerConsumedFromGrid = "PowerConsumedFromGrid";

    /// <summary>Location: consumption covered by PV, W.</summary>
    public const string PowerConsumedFromProducers = "PowerConsumedFromProducers";

    /// <summary>Location: consumption covered by the battery, W.</summary>
    public const string PowerConsumedFromStorage = "PowerConsumedFromStorage";

    /// <summary>Location: grid import; meter: power in, W.</summary>
    public const string PowerIn = "PowerIn";

    /// <summary>Location: feed-in; meter: power out, W.</summary>
    public const string PowerOut = "PowerOut";

    /// <summary>Location: feed-in from PV, W.</summary>
    public const string PowerOutFromProducers = "PowerOutFromProducers";

    /// <summary>Location: feed-in from the battery, W.</summary>
    public const string PowerOutFromStorage = "PowerOutFromStorage";

    /// <summary>Location: battery charging, W.</summary>
    public const string PowerBuffered = "PowerBuffered";

    /// <summary>Location: battery charging from the grid, W.</summary>
    public const string PowerBufferedFromGrid = "PowerBufferedFromGrid";

    /// <summary>Location: battery charging from PV, W.</summary>
    public const string PowerBufferedFromProducers = "PowerBufferedFromProducers";

    /// <summary>Location: battery discharging, W.</summary>
    public const string PowerReleased = "PowerReleased";

    /// <summary>Location: PV power used on site (consumed or stored), W.</summary>
    public const string PowerSelfConsumed = "PowerSelfConsumed";

    /// <summary>Location: consumption covered on site (PV or battery), W.</summary>
    public const string PowerSelfSupplied = "PowerSelfSupplied";

    /// <summary>Location: PV energy since installation, Wh.</summary>
    public const string WorkProduced = "WorkProduced";

    /// <summary>Location: consumed energy since installation, Wh.</summary>
    public const string WorkConsumed = "WorkConsumed";

    /// <summary>Location/meter: imported energy, Wh.</summary>
    public const string WorkIn = "WorkIn";

    /// <summary>Location/meter: exported energy, Wh.</summary>
    public const string WorkOut = "WorkOut";

    /// <summary>Location: energy stored in the batteries since installation, Wh.</summary>
    public const string WorkBuffered = "WorkBuffered";

    /// <summary>Location: energy released by the batteries since installation, Wh.</summary>
    public const string WorkReleased = "WorkReleased";

    /// <summary>Location: consumption covered by PV since installation, Wh.</summary>
    public const string WorkConsumedFromProducers = "WorkConsumedFromProducers";

    /// <summary>Location: consumption covered by the grid since installation, Wh.</summary>
    public const string WorkConsumedFromGrid = "WorkConsumedFromGrid";

    /// <summary>Location: consumption covered by the battery since installation, Wh.</summary>
    public const string WorkConsumedFromStorage = "WorkConsumedFromStorage";

    /// <summary>Location: battery charging from PV since installation, Wh.</summary>
    public const string WorkBufferedFromProducers = "WorkBufferedFromProducers";

    /// <summary>Location: battery charging from the grid since installation, Wh.</summary>
    public const string WorkBufferedFromGrid = "WorkBufferedFromGrid";

    /// <summary>Location: feed-in from PV since installation, Wh.</summary>
    public const string WorkOutFromProducers = "WorkOutFromProducers";

    /// <summary>Location: feed-in from the battery since installation, Wh.</summary>
    public const string WorkOutFromStorage = "WorkOutFromStorage";

    /// <summary>Location: postal address object <c>{zip,city,country}</c>.</summary>
    public const string AddressLocation = "AddressLocation";

    /// <summary>Location: grid price, ct/kWh.</summary>
    public const string PriceWorkIn = "PriceWorkIn";

    /// <summary>Inverter, PV plant, battery: AC output (battery: discharging), W.</summary>
    public const string PowerACOut = "PowerACOut";

    /// <summary>Inverter, PV plant, battery: AC energy out, Wh.</summary>
    public const string WorkACOut = "WorkACOut";

    /// <summary>Battery, EV station, heater: AC input (battery: charging), W.</summary>
    public const string PowerACIn = "PowerACIn";

    /// <summary>Battery, EV station, heater: AC energy in, Wh.</summary>
    public const string WorkACIn = "WorkACIn";

    /// <summary>Inverter: maximum AC output, W.</summary>
    public const string PowerACOutMax = "PowerACOutMax";

    /// <summary>PV plant: installed peak power, Wp.</summary>
    public const string PowerInstalledPeak = "PowerInstalledPeak";

    /// <summary>PV plant: feed-in derating (0.7 = 70 % rule).</summary>
    public const string FractionDeratingLimit = "FractionDeratingLimit";

    /// <summary>Battery: state of charge, %.</summary>
    public const string StateOfCharge = "StateOfCharge";

    /// <summary>Battery: state of health, %.</summary>
    public const string StateOfHealth = "StateOfHealth";

    /// <summary>Battery: usable capacity, Wh.</summary>
    public const string WorkCapacity = "WorkCapacity";

    /// <summary>Battery: energy stored now, Wh.</summary>
    public const string WorkCharge = "WorkCharge";

    /// <summary>Battery: <c>CHARGING</c>, <c>DISCHARGING</c>, <c>OFF</c>, <c>STANDBY</c>.</summary>
    public const string ModeConverter = "ModeConverter";

    /// <summary>Battery: temperature, °C.</summary>
    public const string TemperatureBattery = "TemperatureBattery";

    /// <summary>Battery: the reserve it does not discharge below, %.</summary>
    public const string StateOfChargeMinimum = "StateOfChargeMinimum";

    /// <summary>EV station: <c>STANDBY</c>, <c>CHARGING</c>, <c>OFF</c>.</summary>
    public const string ModeStation = "ModeStation";

    /// <summary>Plug: its relay, <c>ON</c> or <c>OFF</c>.</summary>
    public const string ModeRelay = "ModeRelay";

    /// <summary>EV station: energy of the current session, Wh.</summary>
    public const string WorkACInSession = "WorkACInSession";

    /// <summary>EV station: maximum charging power, W.</summary>
    public const string PowerACInMax = "PowerACInMax";
}
