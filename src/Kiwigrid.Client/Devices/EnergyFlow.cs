namespace Kiwigrid.Client.Devices;

/// <summary>
/// A snapshot of the site's energy flow: PV, house, battery, grid and the two self-use ratios. Read from the site
/// (<c>Location</c>) tags first; the devices' own tags fill in what the site does not carry.
/// </summary>
public sealed record EnergyFlow
{
    private const string Watt = "W";
    private const string Percent = "%";

    /// <summary>PV production, W.</summary>
    public Measurement? PvProduction { get; init; }

    /// <summary>House consumption, W.</summary>
    public Measurement? HouseConsumption { get; init; }

    /// <summary>Power drawn from the grid, W.</summary>
    public Measurement? GridImport { get; init; }

    /// <summary>Power fed into the grid, W.</summary>
    public Measurement? GridExport { get; init; }

    /// <summary>Grid balance <c>import − export</c>, W: positive draws from the grid.</summary>
    public Measurement? GridPower => Difference(GridImport, GridExport);

    /// <summary>Power flowing into the batteries, W.</summary>
    public Measurement? BatteryCharging { get; init; }

    /// <summary>Power flowing out of the batteries, W.</summary>
    public Measurement? BatteryDischarging { get; init; }

    /// <summary>Battery power <c>discharging − charging</c>, W: positive discharges.</summary>
    public Measurement? BatteryPower => Difference(BatteryDischarging, BatteryCharging);

    /// <summary>State of charge over all batteries, %, weighted by capacity when every battery reports one.</summary>
    public Measurement? BatteryStateOfCharge { get; init; }

    /// <summary>How many batteries the site has.</summary>
    public int BatteryCount { get; init; }

    /// <summary>Self-sufficiency (autarky) <c>SelfSupplied / Consumed</c>, %.</summary>
    public Measurement? SelfSufficiency { get; init; }

    /// <summary>Self-consumption rate <c>SelfConsumed / Produced</c>, %.</summary>
    public Measurement? SelfConsumption { get; init; }

    /// <summary>Builds the snapshot from a site's devices (as returned by a device list).</summary>
    public static EnergyFlow From(IEnumerable<Device> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var all = devices as IReadOnlyCollection<Device> ?? devices.ToList();
        var site = all.FirstOrDefault(d => d.Kind == DeviceKind.Location);
        var batteries = all.Where(d => d.Kind == DeviceKind.Battery).ToList();
        var meters = all.Where(d => d.Kind == DeviceKind.PowerMeter).ToList();

        var produced = site?.GetDouble(TagNames.PowerProduced) ?? PvFromDevices(all);
        var buffered = site?.GetDouble(TagNames.PowerBuffered) ?? Sum(batteries, TagNames.PowerACIn);
        var released = site?.GetDouble(TagNames.PowerReleased) ?? Sum(batteries, TagNames.PowerACOut);

        // With several meters nobody can tell which one sits at the grid connection.
        var gridMeter = meters.Count == 1 ? meters[0] : null;
        var imported = site?.GetDouble(TagNames.PowerIn) ?? gridMeter?.GetDouble(TagNames.PowerIn);
        var exported = site?.GetDouble(TagNames.PowerOut) ?? gridMeter?.GetDouble(TagNames.PowerOut);

        // Produced + In + Released = Consumed + Buffered + Out.
        var consumed = site?.GetDouble(TagNames.PowerConsumed)
            ?? (produced + imported + released - exported - buffered);

        return new EnergyFlow
        {
            PvProduction = Watts(produced),
            HouseConsumption = Watts(consumed),
            GridImport = Watts(imported),
            GridExport = Watts(exported),
            BatteryCharging = Watts(buffered),
            BatteryDischarging = Watts(released),
            BatteryStateOfCharge = StateOfCharge(batteries),
            BatteryCount = batteries.Count,
            SelfSufficiency = Ratio(site?.GetDouble(TagNames.PowerSelfSupplied), consumed),
            SelfConsumption = Ratio(site?.GetDouble(TagNames.PowerSelfConsumed), produced),
        };
    }

    private static double? PvFromDevices(IReadOnlyCollection<Device> devices)
    {
        var plants = devices.Where(d => d.Kind == DeviceKind.PVPlant).ToList();

        // PV plants group the inverters; counting both would count PV twice.
        return plants.Count > 0
            ? Sum(plants, TagNames.PowerACOut)
            : Sum(devices.Where(d => d.Kind == DeviceKind.Inverter).ToList(), TagNames.PowerACOut);
    }

    private static double? Sum(List<Device> devices, string tagName)
    {
        double? sum = null;
        foreach (var device in devices)
        {
            if (device.GetDouble(tagName) is { } value)
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }

    private static Measurement? StateOfCharge(List<Device> batteries)
    {
        var readings = batteries
            .Select(b => (Soc: b.GetDouble(TagNames.StateOfCharge), Capacity: b.GetDouble(TagNames.WorkCapacity)))
            .Where(r => r.Soc is not null)
            .ToList();
        if (readings.Count == 0)
        {
            return null;
        }

        if (readings.TrueForAll(r => r.Capacity is > 0))
        {
            var capacity = readings.Sum(r => r.Capacity!.Value);
            return new Measurement(readings.Sum(r => r.Soc!.Value * r.Capacity!.Value) / capacity, Percent);
        }

        // Some capacity unknown: weighting only part of the batteries would be worse than not weighting.
        return new Measurement(readings.Average(r => r.Soc!.Value), Percent);
    }

    private static Measurement? Ratio(double? part, double? whole) =>
        part is { } p && whole is { } w && w > 0 ? new Measurement(p / w * 100, Percent) : null;

    private static Measurement? Watts(double? value) => value is { } v ? new Measurement(v, Watt) : null;

    private static Measurement? Difference(Measurement? a, Measurement? b) =>
        a is { } x && b is { } y ? new Measurement(x.Value - y.Value, x.Unit) : null;
}
