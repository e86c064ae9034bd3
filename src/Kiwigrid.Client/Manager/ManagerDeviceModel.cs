using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// A Manager's answers as Kiwigrid devices, so that everything built on the event bus's model works unchanged: a
/// Location with the site's flows (W, the bus's tag names and signs), a battery converter (state of charge in %), the
/// PV plant, the inverters and the meter. Guids are the things' ids. What the Manager does not send is absent, not
/// made up; only the Location's self-use shares are derived (see PROTOCOL-NOTES, "The Manager flex/rail on the LAN").
/// </summary>
internal static class ManagerDeviceModel
{
    /// <summary>Guids for the site's parts when the Manager lists no thing for them.</summary>
    internal const string FallbackLocationGuid = "manager-location";
    internal const string FallbackBatteryGuid = "manager-battery";
    internal const string FallbackPvPlantGuid = "manager-pv-plant";


    /// <summary>The openHAB item tags per kind of thing, and the Kiwigrid tag each becomes.</summary>
    private static readonly Dictionary<ManagerThingKind, Dictionary<string, string>> ItemTags = new()
    {
        [ManagerThingKind.Location] = new(StringComparer.Ordinal)
        {
            ["power_in"] = TagNames.PowerIn,
            ["power_out"] = TagNames.PowerOut,
            ["power_produced"] = TagNames.PowerProduced,
            ["power_consumed"] = TagNames.PowerConsumed,
            ["power_buffered"] = TagNames.PowerBuffered,
            ["power_released"] = TagNames.PowerReleased,
            ["power_self_consumed"] = TagNames.PowerSelfConsumed,
            ["power_self_supplied"] = TagNames.PowerSelfSupplied,
            ["work_in_total"] = TagNames.WorkIn,
            ["work_out_total"] = TagNames.WorkOut,
            ["work_produced_total"] = TagNames.WorkProduced,
            ["work_consumed_total"] = TagNames.WorkConsumed,
            ["work_buffered_total"] = TagNames.WorkBuffered,
            ["work_released_total"] = TagNames.WorkReleased,
        },
        [ManagerThingKind.PvPlant] = new(StringComparer.Ordinal)
        {
            ["power_out"] = TagNames.PowerACOut,
            ["work_out_total"] = TagNames.WorkACOut,
        },
        [ManagerThingKind.Inverter] = new(StringComparer.Ordinal)
        {
            ["power_out"] = TagNames.PowerACOut,
            ["work_out_total"] = TagNames.WorkACOut,
        },
        [ManagerThingKind.Meter] = new(StringComparer.Ordinal)
        {
            ["power_in"] = TagNames.PowerIn,
            ["power_out"] = TagNames.PowerOut,
            ["work_in_total"] = TagNames.WorkIn,
            ["work_out_total"] = TagNames.WorkOut,
        },
        [ManagerThingKind.Battery] = new(StringComparer.Ordinal)
        {
            ["power_in"] = TagNames.PowerACIn,
            ["power_out"] = TagNames.PowerACOut,
            ["state_of_charge"] = TagNames.StateOfCharge,
            ["work_in_total"] = TagNames.WorkACIn,
            ["work_out_total"] = TagNames.WorkACOut,
        },
    };

    /// <summary>New firmware: the energy overview's totals on the Location, and on the one battery, PV plant or meter.</summary>
    public static IReadOnlyList<Device> FromEnergyOverview(ManagerEnergyOverview overview, IReadOnlyList<ManagerThing> things)
    {
        var location = Identity(things.FirstOrDefault(t => t.Kind == ManagerThingKind.Location));
        AddString(location, TagNames.IdName, "Location", replace: false);
        Add(location, TagNames.PowerProduced, overview.Production);
        Add(location, TagNames.PowerConsumed, overview.HouseholdConsumption);
        Add(location, TagNames.PowerIn, overview.FeedOut);
        Add(location, TagNames.PowerOut, overview.FeedIn);
        Add(location, TagNames.PowerBuffered, overview.StoragePowerIn);
        Add(location, TagNames.PowerReleased, overview.StoragePowerOut);
        AddSelfUse(location);
        var devices = new List<Device>
        {
            Create(things.FirstOrDefault(t => t.Kind == ManagerThingKind.Location)?.Id ?? FallbackLocationGuid, DeviceClassNames.Location, location),
        };

        // The overview has one total per flow: it belongs to a device only when there is exactly one such device.
        AddParts(devices, things, ManagerThingKind.Battery, DeviceClassNames.BatteryConverter, overview.HasBattery ? FallbackBatteryGuid : null, tags =>
        {
            Add(tags, TagNames.StateOfCharge, overview.BatterySoc);
            Add(tags, TagNames.PowerACIn, overview.StoragePowerIn);
            Add(tags, TagNames.PowerACOut, overview.StoragePowerOut);
        });
        AddParts(devices, things, ManagerThingKind.PvPlant, DeviceClassNames.PVPlant, overview.Production is null ? null : FallbackPvPlantGuid, tags =>
            Add(tags, TagNames.PowerACOut, overview.Production));
        AddParts(devices, things, ManagerThingKind.Meter, DeviceClassNames.PowerMeter, null, tags =>
        {
            Add(tags, TagNames.PowerIn, overview.FeedOut);
            Add(tags, TagNames.PowerOut, overview.FeedIn);
        });
        AddParts(devices, things, ManagerThingKind.Inverter, DeviceClassNames.Inverter, null, _ => { });
        return devices;
    }

    /// <summary>Old firmware: each thing's harmonized items as its tags (things without items keep their identity).</summary>
    public static IReadOnlyList<Device> FromItems(IReadOnlyList<OpenHabItem> items, IReadOnlyList<ManagerThing> things)
    {
        var thingsByKey = new Dictionary<string, ManagerThing>(StringComparer.Ordinal);
        foreach (var thing in things)
        {
            thingsByKey.TryAdd(OpenHabItem.KeyOf(thing.Id), thing);
        }

        var devices = new List<Device>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in items.Where(i => i.ThingKey is not null).GroupBy(i => i.ThingKey!, StringComparer.Ordinal))
        {
            var thing = thingsByKey.GetValueOrDefault(group.Key);
            var kind = thing?.Kind ?? KindOfKey(group.Key);
            if (!ItemTags.TryGetValue(kind, out var names))
            {
                continue;
            }

            var tags = Identity(thing);
            foreach (var item in group)
            {
                if (names.TryGetValue(item.Tag!, out var name) && OpenHabItemState.Parse(item.State) is { } state
                    && (state.Unit.Length == 0 || state.Unit == TagUnits.ForTag(name)))
                {
                    Add(tags, name, state.Value, state.Timestamp);
                }
            }

            if (kind == ManagerThingKind.Location)
            {
                AddString(tags, TagNames.IdName, "Location", replace: false);
                AddSelfUse(tags);
            }

            var guid = thing?.Id ?? group.Key;
            seen.Add(guid);
            devices.Add(Create(guid, ClassOf(kind), tags));
        }

        devices.AddRange(things
            .Where(t => t.Kind != ManagerThingKind.Other && !seen.Contains(t.Id))
            .Select(t => Create(t.Id, ClassOf(t.Kind), Identity(t))));

        // The Location first, as the Energy Manager lists it.
        return [.. devices.OrderBy(d => d.Kind == DeviceKind.Location ? 0 : 1)];
    }

    /// <summary>A thing's kind from the uid part of an item name, when <c>/rest/things</c> does not list it.</summary>
    private static ManagerThingKind KindOfKey(string key) =>
        key.StartsWith("kiwigrid_location_", StringComparison.Ordinal) ? ManagerThingKind.Location
        : key.StartsWith("pvplant_", StringComparison.Ordinal) ? ManagerThingKind.PvPlant
        : ManagerThing.KindOfSegment(key.Split('_') is [_, var segment, ..] ? segment : string.Empty);

    private static string ClassOf(ManagerThingKind kind) => kind switch
    {
        ManagerThingKind.Location => DeviceClassNames.Location,
        ManagerThingKind.PvPlant => DeviceClassNames.PVPlant,
        ManagerThingKind.Inverter => DeviceClassNames.Inverter,
        ManagerThingKind.Battery => DeviceClassNames.BatteryConverter,
        ManagerThingKind.Meter => DeviceClassNames.PowerMeter,
        _ => DeviceClassNames.Device,
    };

    /// <summary>The things of one kind; the values go on the only one, or on a stand-in when none is listed.</summary>
    private static void AddParts(List<Device> devices, IReadOnlyList<ManagerThing> things, ManagerThingKind kind, string deviceClass, string? fallbackGuid, Action<Dictionary<string, TagValue>> addValues)
    {
        var parts = things.Where(t => t.Kind == kind).ToList();
        if (parts.Count == 0 && fallbackGuid is not null)
        {
            var tags = Identity(null);
            addValues(tags);
            devices.Add(Create(fallbackGuid, deviceClass, tags));
            return;
        }

        foreach (var part in parts)
        {
            var tags = Identity(part);
            if (parts.Count == 1)
            {
                addValues(tags);
            }

            devices.Add(Create(part.Id, deviceClass, tags));
        }
    }

    /// <summary>
    /// The self-use shares the energy flow's ratios need, where the Manager does not send them: PV used on site is the
    /// production less the feed-in, the house's own supply its consumption less the grid import (never negative).
    /// </summary>
    private static void AddSelfUse(Dictionary<string, TagValue> location)
    {
        double? Get(string name) => location.TryGetValue(name, out var tag) ? tag.AsDouble() : null;
        if (!location.ContainsKey(TagNames.PowerSelfConsumed) && Get(TagNames.PowerProduced) is { } produced && Get(TagNames.PowerOut) is { } exported)
        {
            Add(location, TagNames.PowerSelfConsumed, Math.Max(0, produced - exported));
        }

        if (!location.ContainsKey(TagNames.PowerSelfSupplied) && Get(TagNames.PowerConsumed) is { } consumed && Get(TagNames.PowerIn) is { } imported)
        {
            Add(location, TagNames.PowerSelfSupplied, Math.Max(0, consumed - imported));
        }
    }

    private static Dictionary<string, TagValue> Identity(ManagerThing? thing)
    {
        var tags = new Dictionary<string, TagValue>(StringComparer.Ordinal);
        AddString(tags, TagNames.IdName, thing?.Label);
        AddString(tags, TagNames.IdSerialNumber, thing?.SerialNumber);
        AddString(tags, TagNames.StateDevice, thing?.Status);
        return tags;
    }

    private static Device Create(string guid, string deviceClass, Dictionary<string, TagValue> tags) =>
        new(guid, deviceClass == DeviceClassNames.Device ? [deviceClass] : [DeviceClassNames.Device, deviceClass], tags);

    private static void Add(Dictionary<string, TagValue> tags, string name, double? value, DateTimeOffset? timestamp = null)
    {
        if (value is { } v && double.IsFinite(v))
        {
            tags[name] = new TagValue(name, Encoding.UTF8.GetBytes(v.ToString("R", CultureInfo.InvariantCulture)), timestamp, null);
        }
    }

    private static void AddString(Dictionary<string, TagValue> tags, string name, string? value, bool replace = true)
    {
        if (value is null || (!replace && tags.ContainsKey(name)))
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
