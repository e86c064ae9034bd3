using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// The HEMS answers as Kiwigrid devices, so that everything built on the event bus's model works unchanged: a
/// Location with the site's flows (W, same names and signs as the bus), a battery converter per battery (state of
/// charge in %), PV plants, EV stations, plugs and smart heaters. Device guids are the HEMS ids.
/// </summary>
internal static class HemsDeviceModel
{
    /// <summary>The Location's guid when the energy flow names no device for the house: the HEMS API has no Location id.</summary>
    internal const string FallbackLocationGuid = "hems-location";

    public static IReadOnlyList<Device> Build(HemsSiteSnapshot site, IReadOnlyList<TagValue> extraLocationTags)
    {
        var flow = site.EnergyFlow;
        var consumers = site.Consumers.ToDictionary(c => c.Id, c => c.Consumption, StringComparer.Ordinal);
        var devices = new List<Device> { Location(flow, extraLocationTags) };

        var batteryFlows = flow.Battery.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var batteries = site.Batteries.Select(b => b.Device.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var battery in site.Batteries)
        {
            devices.Add(Battery(battery.Device.Id, battery, batteryFlows.GetValueOrDefault(battery.Device.Id)));
        }

        // A battery the flow shows but /battery does not list still counts.
        foreach (var share in flow.Battery.Devices.Where(d => d.Id.Length > 0 && !batteries.Contains(d.Id)))
        {
            devices.Add(Battery(share.Id, null, share));
        }

        var pvFlows = flow.Pv.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var plant in site.PvPlants)
        {
            var tags = Identity(plant.Device);
            Add(tags, TagNames.PowerACOut, pvFlows.GetValueOrDefault(plant.Device.Id)?.Out);
            Add(tags, TagNames.PowerInstalledPeak, plant.PowerInstalledPeak);
            devices.Add(Create(plant.Device.Id, DeviceClassNames.PVPlant, tags));
        }

        var evFlows = flow.Ev.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var station in site.EvStations)
        {
            var tags = Identity(station);
            Add(tags, TagNames.PowerACIn, evFlows.GetValueOrDefault(station.Id)?.In ?? consumers.GetValueOrDefault(station.Id));
            devices.Add(Create(station.Id, DeviceClassNames.EVStation, tags));
        }

        foreach (var plug in site.Plugs)
        {
            var tags = Identity(plug);
            // A plug meters what it passes on as PowerIn on the bus (not PowerACIn as a wallbox): the same name here.
            Add(tags, TagNames.PowerIn, consumers.GetValueOrDefault(plug.Id));
            devices.Add(Create(plug.Id, DeviceClassNames.Plug, tags));
        }

        foreach (var heater in site.SmartHeaters)
        {
            var tags = Identity(heater.Device);
            Add(tags, TagNames.PowerACIn, consumers.GetValueOrDefault(heater.Device.Id));
            Add(tags, TagNames.PowerACInMax, heater.PowerACInMax);
            devices.Add(Create(heater.Device.Id, DeviceClassNames.SmartHeater, tags));
        }

        return devices;
    }

    /// <summary>The Location's guid: the device the energy flow names for the house or the grid connection.</summary>
    public static string LocationGuid(HemsEnergyFlow flow) =>
        flow.Consumption.Devices.Concat(flow.Grid.Devices).Select(d => d.Id).FirstOrDefault(id => id.Length > 0) ?? FallbackLocationGuid;

    private static Device Location(HemsEnergyFlow flow, IReadOnlyList<TagValue> extra)
    {
        var tags = new Dictionary<string, TagValue>(StringComparer.Ordinal);
        AddString(tags, TagNames.IdName, "Location");
        var produced = flow.Pv.Out;
        var consumed = flow.Consumption.In;
        var imported = flow.Grid.In;
        var exported = flow.Grid.Out;
        Add(tags, TagNames.PowerProduced, produced);
        Add(tags, TagNames.PowerConsumed, consumed);
        Add(tags, TagNames.PowerIn, imported);
        Add(tags, TagNames.PowerOut, exported);
        Add(tags, TagNames.PowerBuffered, flow.Battery.In);
        Add(tags, TagNames.PowerReleased, flow.Battery.Out);
        Add(tags, TagNames.PowerBufferedFromGrid, flow.BatteryInFromGrid);
        Add(tags, TagNames.PowerOutFromStorage, flow.BatteryOutToGrid);

        // What the flow's splits allow: PV fed in is the feed-in less the battery's part, and so on (never negative).
        var pvFedIn = exported is { } o ? Math.Max(0, o - (flow.BatteryOutToGrid ?? 0)) : (double?)null;
        var fromGrid = imported is { } i ? Math.Max(0, i - (flow.BatteryInFromGrid ?? 0)) : (double?)null;
        Add(tags, TagNames.PowerOutFromProducers, pvFedIn);
        Add(tags, TagNames.PowerConsumedFromGrid, fromGrid);
        Add(tags, TagNames.PowerSelfConsumed, produced is { } p && pvFedIn is { } f ? Math.Max(0, p - f) : null);
        Add(tags, TagNames.PowerSelfSupplied, consumed is { } c && fromGrid is { } g ? Math.Max(0, c - g) : null);

        // The rest of the Location's breakdown, so flows between PV, battery, grid and house read as on the 2018 cloud.
        Add(tags, TagNames.PowerConsumedFromProducers, flow.DirectConsumption);
        Add(tags, TagNames.PowerBufferedFromProducers, flow.Battery.In is { } charged ? Math.Max(0, charged - (flow.BatteryInFromGrid ?? 0)) : null);
        Add(tags, TagNames.PowerConsumedFromStorage, flow.Battery.Out is { } released ? Math.Max(0, released - (flow.BatteryOutToGrid ?? 0)) : null);
        foreach (var tag in extra)
        {
            tags[tag.Name] = tag;
        }

        return Create(LocationGuid(flow), DeviceClassNames.Location, tags);
    }

    private static Device Battery(string id, HemsBattery? battery, HemsFlowDevice? share)
    {
        var tags = battery is null ? new Dictionary<string, TagValue>(StringComparer.Ordinal) : Identity(battery.Device);

        // The flow's value is the live one; /battery's may lag behind it. Both are fractions, the model wants %.
        Add(tags, TagNames.StateOfCharge, (share?.StateOfCharge ?? battery?.StateOfCharge) * 100);
        Add(tags, TagNames.WorkCapacity, battery?.WorkCapacity);
        Add(tags, TagNames.PowerACIn, share?.In);
        Add(tags, TagNames.PowerACOut, share?.Out);
        AddString(tags, TagNames.ModeConverter, battery?.Device.Mode);
        return Create(id, DeviceClassNames.BatteryConverter, tags);
    }

    private static Dictionary<string, TagValue> Identity(HemsDevice device)
    {
        var tags = new Dictionary<string, TagValue>(StringComparer.Ordinal);
        AddString(tags, TagNames.IdName, device.Name);
        AddString(tags, TagNames.IdManufacturer, device.Manufacturer);
        AddString(tags, TagNames.IdModelCode, device.ModelCode);
        AddString(tags, TagNames.IdSerialNumber, device.SerialNumber);
        AddString(tags, TagNames.IdFirmware, device.Firmware);
        AddString(tags, TagNames.StateDevice, device.State);
        return tags;
    }

    private static Device Create(string guid, string deviceClass, Dictionary<string, TagValue> tags) =>
        new(guid, [DeviceClassNames.Device, deviceClass], tags);

    private static void Add(Dictionary<string, TagValue> tags, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            tags[name] = new TagValue(name, Encoding.UTF8.GetBytes(v.ToString("R", CultureInfo.InvariantCulture)), null, null);
        }
    }

    private static void AddString(Dictionary<string, TagValue> tags, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        tags[name] = new TagValue(name, buffer.WrittenMemory, null, null);
    }
}
