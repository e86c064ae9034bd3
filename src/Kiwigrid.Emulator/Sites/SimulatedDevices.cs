using System.Globalization;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Devices;
using Kiwigrid.Emulator.Simulation;

namespace Kiwigrid.Emulator.Sites;

/// <summary>
/// The devices of the simulated site as a real Battery flex installation lists them: Energy Manager, its apps,
/// Location, PV plant, Fronius inverter, Battery flex with its AC sensor (the grid meter), and optionally a Keba
/// wallbox and a myStrom plug. Knows the guids, installs the static tags once and turns the simulation's state into tag values.
/// </summary>
internal sealed class SimulatedDevices
{
    private const int SerialStream = 401;
    private const int TelemetryStream = 402;
    private const double InverterEfficiency = 0.97;
    private const int CellsPerModule = 8;
    private const string Owner = "Muster";

    private readonly SimulationOptions _options;
    private readonly string _batterySerial;
    private readonly string _inverterSerial;
    private readonly string _kebaSerial;
    private readonly string _plugSerial;
    private readonly DateTimeOffset _lastBoot;

    public SimulatedDevices(SimulationOptions options)
    {
        _options = options;
        var em = options.EnergyManagerSerial;
        _batterySerial = SerialDigits(1, 12, 16);
        _inverterSerial = SerialDigits(2, 8, 10);
        _kebaSerial = SerialDigits(3, 8, 10);
        _plugSerial = SerialDigits(7, 8, 10);
        _lastBoot = options.Start - TimeSpan.FromHours(24 * (3 + (40 * SeededNoise.Uniform(options.Seed, SerialStream, 4))));

        EnergyManager = em;
        GridFlow = $"urn:kiwigrid:gridflow:{em}";
        ScheduleApp = $"urn:app:schedule:{em}";
        ProfileApp = $"urn:app:profile:{em}";
        Location = $"urn:kiwigrid:location:{em}:0";
        PvPlant = $"urn:kiwigrid:pvplant:{em}:0";
        Inverter = $"urn:sunspec:fronius:inverter:{_inverterSerial}";
        Battery = SeededUuid(5);
        GridMeter = SeededUuid(6);
        EvStation = options.WithEvStation ? $"urn:keba:evstation:{_kebaSerial}" : null;
        Plug = options.WithPlug ? $"urn:mystrom:plug:{_plugSerial}" : null;
    }

    public string EnergyManager { get; }

    public string GridFlow { get; }

    public string ScheduleApp { get; }

    public string ProfileApp { get; }

    public string Location { get; }

    public string PvPlant { get; }

    public string Inverter { get; }

    public string Battery { get; }

    /// <summary>The Battery flex AC sensor at the grid connection point (a <c>BatteryFlexPowermeter</c>).</summary>
    public string GridMeter { get; }

    public string? EvStation { get; }

    public string? Plug { get; }

    /// <summary>Adds every device with its static tags; settings tags become writable.</summary>
    public void Install(DeviceStore store, DateTimeOffset now)
    {
        var placeholders = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["em"] = EnergyManager, ["owner"] = Owner, ["battery"] = _batterySerial, ["inverter"] = _inverterSerial, ["keba"] = _kebaSerial, ["plug"] = _plugSerial,
        };

        var address = new JsonObject { ["zip"] = _options.PostalCode, ["city"] = _options.City, ["country"] = _options.Country };
        var geographical = new JsonObject
        {
            ["lat"] = _options.Latitude.ToString(CultureInfo.InvariantCulture),
            ["lon"] = _options.Longitude.ToString(CultureInfo.InvariantCulture),
            ["zip"] = _options.PostalCode,
            ["country"] = _options.Country,
        };

        Install(store, now, placeholders, "energyManager", EnergyManager, new JsonObject
        {
            ["AddressLocation"] = address.DeepClone(),
            ["IdTimezone"] = _options.TimeZoneId,
            ["IdDevicesMap"] = DeviceVersions(),
        });
        Install(store, now, placeholders, "gridFlow", GridFlow, []);
        Install(store, now, placeholders, "scheduleApp", ScheduleApp, []);
        Install(store, now, placeholders, "profileApp", ProfileApp, []);
        Install(store, now, placeholders, "location", Location, new JsonObject
        {
            ["IdName"] = Owner,
            ["AddressLocation"] = address.DeepClone(),
            ["LocationGeographical"] = geographical.DeepClone(),
            ["PriceWorkIn"] = _options.GridPrice,
            ["IdDevicesMap"] = Topology(),
        });
        Install(store, now, placeholders, "pvPlant", PvPlant, new JsonObject
        {
            ["IdName"] = "PV-Anlage 1",
            ["PowerInstalledPeak"] = _options.PvPeakPower,
            ["PowerACOutMax"] = _options.InverterMaxPower,
            ["FractionDeratingLimit"] = _options.FeedInLimitFraction,
            ["DegreeDirection"] = _options.PvAzimuth,
            ["DegreeInclination"] = _options.PvTilt,
            ["PriceProfitFeedin"] = _options.FeedInTariff,
            ["AddressLocation"] = address.DeepClone(),
            ["LocationGeographical"] = geographical.DeepClone(),
            ["IdInverterList"] = new JsonArray(Inverter),
            ["DateInstallation"] = (now - TimeSpan.FromDays(365 * 2.5)).ToUnixTimeMilliseconds(),
        });
        Install(store, now, placeholders, "inverter", Inverter, new JsonObject
        {
            ["IdModelCode"] = "Symo 8.2-3-M",
            ["PowerACOutMax"] = _options.InverterMaxPower,
        });
        Install(store, now, placeholders, "batteryFlex", Battery, new JsonObject
        {
            ["StateOfChargeMinimum"] = _options.MinimumStateOfCharge,
            ["CountBatteryModules"] = _options.BatteryModules,
            ["WorkCapacity"] = _options.BatteryCapacity,
            ["StateOfHealth"] = 97,
            ["IdSerialNumberBatteryModules"] = ModuleSerials(),
        });
        Install(store, now, placeholders, "batteryFlexPowermeter", GridMeter, []);
        if (EvStation is not null)
        {
            Install(store, now, placeholders, "kebaEv", EvStation, []);
        }

        if (Plug is not null)
        {
            Install(store, now, placeholders, "plug", Plug, []);
        }
    }

    /// <summary>The tag values that follow the simulation, for one atomic store update.</summary>
    public List<(string Guid, string TagName, JsonNode? Value)> Readings(HomeSimulation home, DateTimeOffset now, HomeSettings settings)
    {
        var readings = new List<(string, string, JsonNode?)>(128);
        void Add(string guid, string tag, JsonNode? value) => readings.Add((guid, tag, value));

        var hours = (now - DateTimeOffset.UnixEpoch).TotalHours;
        var power = home.Power;
        var work = home.Work;

        Add(EnergyManager, "DateCloudLastSeen", now.ToUnixTimeMilliseconds() - 2_000);
        Add(EnergyManager, "TimeSinceStart", (long)(now - _lastBoot).TotalMilliseconds);
        var user = Math.Round(0.08 + (0.08 * Telemetry(1, hours * 30)), 3);
        var kernel = Math.Round(0.03 + (0.03 * Telemetry(2, hours * 30)), 3);
        Add(EnergyManager, "FractionCPULoadUser", user);
        Add(EnergyManager, "FractionCPULoadKernel", kernel);
        Add(EnergyManager, "FractionCPULoadTotal", Math.Round(user + kernel, 3));

        AddFlows(Location, "Power", power, Add);
        AddFlows(Location, "Work", work, Add);

        var curtailed = home.AvailablePv - power.Produced > 0.5;
        Add(PvPlant, "PowerACOut", power.Produced);
        Add(PvPlant, "WorkACOut", work.Produced);
        Add(Inverter, "PowerACOut", power.Produced);
        Add(Inverter, "WorkACOut", work.Produced);
        Add(Inverter, "PowerStringDCIn", Math.Round(power.Produced / InverterEfficiency, 3));
        Add(Inverter, "PowerACOutLimit", curtailed ? power.Produced : _options.InverterMaxPower);

        AddBattery(home, hours, Add);

        Add(GridMeter, "PowerIn", power.In);
        Add(GridMeter, "PowerOut", power.Out);
        Add(GridMeter, "WorkIn", work.In);
        Add(GridMeter, "WorkOut", work.Out);
        Add(GridMeter, "ACVoltageL2", Math.Round(228 + (5 * Telemetry(3, hours * 12))));
        Add(GridMeter, "FrequencyL2", Math.Round(49.96 + (0.08 * Telemetry(4, hours * 60)), 2));

        if (EvStation is not null)
        {
            var mode = !settings.EvStationEnabled ? "OFF" : home.EvPower > 0 ? "CHARGING" : "STANDBY";
            var phaseCurrent = Math.Round(home.EvPower / 3 / 230, 2);
            Add(EvStation, "PowerACIn", home.EvPower);
            Add(EvStation, "WorkACIn", home.EvWork);
            Add(EvStation, "WorkACInSession", Math.Round(home.EvSessionWork, 1));
            Add(EvStation, WritableSettings.StationMode, mode);
            Add(EvStation, "CurrentACInL1", phaseCurrent);
            Add(EvStation, "CurrentACInL2", phaseCurrent);
            Add(EvStation, "CurrentACInL3", phaseCurrent);
        }

        if (Plug is not null)
        {
            Add(Plug, "PowerIn", home.PlugPower);
            Add(Plug, "WorkIn", Math.Round(home.PlugWork, 3));
            Add(Plug, WritableSettings.PlugRelay, settings.PlugEnabled ? "ON" : "OFF");
        }

        return readings;
    }

    private void AddBattery(HomeSimulation home, double hours, Action<string, string, JsonNode?> add)
    {
        var battery = home.Battery;
        var charging = home.Power.Buffered;
        var discharging = home.Power.Released;
        var soc = battery.StateOfCharge;

        // Cell voltage follows the charge, a little higher while charging; heat follows the current.
        var loadFraction = (charging - discharging) / Math.Max(_options.BatteryMaxChargePower, 1);
        var cellMean = 3.45 + (0.62 * soc / 100) + (0.03 * loadFraction);
        var stringVoltage = cellMean * CellsPerModule * _options.BatteryModules;
        var temperature = 21 + (3 * Telemetry(5, hours / 6)) + (4 * Math.Abs(loadFraction));

        add(Battery, "StateOfCharge", Math.Round(soc, 1));
        add(Battery, "ModeConverter", charging > 0 ? "CHARGING" : discharging > 0 ? "DISCHARGING" : "OFF");
        add(Battery, "PowerACIn", charging);
        add(Battery, "PowerACOut", discharging);
        add(Battery, "WorkACIn", home.Work.Buffered);
        add(Battery, "WorkACOut", home.Work.Released);
        add(Battery, "WorkCharge", Math.Round(battery.Stored));
        add(Battery, "WorkCharged", Math.Round(battery.Charged));
        add(Battery, "WorkDischarged", Math.Round(battery.Discharged));
        add(Battery, "CurrentBatteryIn", Math.Round(charging / stringVoltage, 2));
        add(Battery, "CurrentBatteryOut", Math.Round(discharging / stringVoltage, 2));
        add(Battery, "VoltageBatteryCellMin", Math.Round(cellMean - 0.008, 3));
        add(Battery, "VoltageBatteryCellMean", Math.Round(cellMean, 3));
        add(Battery, "VoltageBatteryCellMax", Math.Round(cellMean + 0.009, 3));
        add(Battery, "VoltageBatteryString", Math.Round(stringVoltage, 1));
        add(Battery, "TemperatureBattery", Math.Round(temperature, 1));
        add(Battery, "TemperatureBatteryMin", Math.Round(temperature - 0.6, 1));
        add(Battery, "TemperatureBatteryMax", Math.Round(temperature + 0.8, 1));
        add(Battery, "TemperatureBatteryCellMin", Math.Round(temperature - 0.6, 1));
        add(Battery, "TemperatureBatteryCellMax", Math.Round(temperature + 0.8, 1));
    }

    private static void AddFlows(string guid, string prefix, EnergyFlow flow, Action<string, string, JsonNode?> add)
    {
        add(guid, prefix + "Produced", flow.Produced);
        add(guid, prefix + "Consumed", flow.Consumed);
        add(guid, prefix + "ConsumedFromGrid", flow.ConsumedFromGrid);
        add(guid, prefix + "ConsumedFromProducers", flow.ConsumedFromProducers);
        add(guid, prefix + "ConsumedFromStorage", flow.ConsumedFromStorage);
        add(guid, prefix + "In", flow.In);
        add(guid, prefix + "Out", flow.Out);
        add(guid, prefix + "OutFromProducers", flow.OutFromProducers);
        add(guid, prefix + "OutFromStorage", flow.OutFromStorage);
        add(guid, prefix + "Buffered", flow.Buffered);
        add(guid, prefix + "BufferedFromGrid", flow.BufferedFromGrid);
        add(guid, prefix + "BufferedFromProducers", flow.BufferedFromProducers);
        add(guid, prefix + "Released", flow.Released);
        add(guid, prefix + "SelfConsumed", flow.SelfConsumed);
        add(guid, prefix + "SelfSupplied", flow.SelfSupplied);
    }

    private static void Install(DeviceStore store, DateTimeOffset now, Dictionary<string, string> placeholders, string kind, string guid, JsonObject overrides)
    {
        var (classes, tags) = SimulatedDeviceTemplates.Get(kind, placeholders);
        foreach (var (name, value) in overrides)
        {
            tags[name] = value?.DeepClone();
        }

        store.Add(guid, classes);
        foreach (var (name, value) in tags)
        {
            store.Set(guid, name, value, now, WritableSettings.TagNames.Contains(name));
        }
    }

    private JsonObject DeviceVersions()
    {
        var versions = new JsonObject
        {
            [ScheduleApp] = "com.kiwigrid.application.schedule.ScheduleApp~1.2.0.0",
            [PvPlant] = "com.kiwigrid.devices.pvplant.PVPlant~5.25.0.0",
            [GridMeter] = "com.kiwigrid.devices.solarwatt.BatteryFlex.BatteryFlexPowermeter~6.0.1.2",
            [GridFlow] = "com.kiwigrid.kiwiapp.gridflow.GridFlow~2.20.0.7",
            [Inverter] = "com.kiwigrid.devices.sunspec.SunSpecInverter~6.0.0.0",
            [Battery] = "com.kiwigrid.devices.solarwatt.BatteryFlex.BatteryFlex~5.28.2.9",
            [Location] = "com.kiwigrid.devices.location.Location~5.25.0.0",
            [ProfileApp] = "com.kiwigrid.application.schedule.ProfileApp~1.2.0.0",
        };
        if (EvStation is not null)
        {
            versions[EvStation] = "com.kiwigrid.devices.keba.ev.KebaEv~6.3.1.0";
        }

        if (Plug is not null)
        {
            versions[Plug] = "com.kiwigrid.devices.mystrom.plug.MyStromPlug~6.0.2.0";
        }

        return versions;
    }

    private JsonObject Topology() => new()
    {
        ["INNER_CONSUMER"] = new JsonArray(new[] { EvStation, Plug }.OfType<string>().Select(g => (JsonNode)g).ToArray()),
        ["INNER_BUFFER"] = new JsonArray(Battery),
        ["POWERMETER_CONSUMPTION"] = new JsonArray(GridMeter),
        ["OUTER_CONSUMER"] = new JsonArray(),
        ["OUTER_BUFFER"] = new JsonArray(),
        ["POWERMETER_PRODUCTION"] = new JsonArray(GridMeter),
        ["INNER_PRODUCER"] = new JsonArray(PvPlant),
        ["OUTER_PRODUCER"] = new JsonArray(),
    };

    private JsonArray ModuleSerials()
    {
        var serials = new JsonArray();
        for (var i = 0; i < _options.BatteryModules; i++)
        {
            serials.Add((JsonNode)(SerialDigits(10 + i, 8, 16).ToUpperInvariant() + "0000"));
        }

        return serials;
    }

    private double Telemetry(int stream, double x) => SeededNoise.Smooth(_options.Seed, TelemetryStream + (stream * 7), x);

    private string SerialDigits(int salt, int length, int radix)
    {
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            var digit = (int)(radix * SeededNoise.Uniform(_options.Seed, SerialStream, (salt * 64) + i));
            digits[i] = "0123456789abcdef"[digit];
        }

        return new string(digits);
    }

    private string SeededUuid(int salt)
    {
        // Version 4 layout, so the guids look like the random UUIDs newer sites use.
        var hex = SerialDigits(salt, 32, 16).ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[hex[16] % 4];
        var text = new string(hex);
        return $"{text[..8]}-{text[8..12]}-{text[12..16]}-{text[16..20]}-{text[20..]}";
    }
}
