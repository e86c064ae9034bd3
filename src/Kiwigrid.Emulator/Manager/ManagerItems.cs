using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// Old firmware's openHAB <c>GET /rest/items</c> (our design on openHAB's REST shape, item names as public clients
/// build them): per thing its harmonized channels, named <c>&lt;uid with every run of non-alphanumerics as
/// '_'&gt;_harmonized_&lt;tag&gt;</c>, states with their unit (<c>"730 W"</c>, <c>"12345.6 Wh"</c>, <c>"54.4 %"</c>)
/// or <c>NULL</c> where the device reports nothing.
/// </summary>
internal static partial class ManagerItems
{
    private static readonly Channel[] LocationChannels =
    [
        new("power_in", "PowerIn", Quantity.Power), new("power_out", "PowerOut", Quantity.Power),
        new("power_produced", "PowerProduced", Quantity.Power), new("power_consumed", "PowerConsumed", Quantity.Power),
        new("power_buffered", "PowerBuffered", Quantity.Power), new("power_released", "PowerReleased", Quantity.Power),
        new("work_in_total", "WorkIn", Quantity.Energy), new("work_out_total", "WorkOut", Quantity.Energy),
        new("work_produced_total", "WorkProduced", Quantity.Energy), new("work_consumed_total", "WorkConsumed", Quantity.Energy),
        new("work_buffered_total", "WorkBuffered", Quantity.Energy), new("work_released_total", "WorkReleased", Quantity.Energy),
    ];

    private static readonly Channel[] PvPlantChannels =
        [new("power_out", "PowerACOut", Quantity.Power), new("work_out_total", "WorkACOut", Quantity.Energy)];

    private static readonly Channel[] MeterChannels =
    [
        new("power_in", "PowerIn", Quantity.Power), new("power_out", "PowerOut", Quantity.Power),
        new("work_in_total", "WorkIn", Quantity.Energy), new("work_out_total", "WorkOut", Quantity.Energy),
    ];

    // A battery's "in" is its charging, "out" its discharging.
    private static readonly Channel[] BatteryChannels =
    [
        new("power_in", "PowerACIn", Quantity.Power), new("power_out", "PowerACOut", Quantity.Power),
        new("state_of_charge", "StateOfCharge", Quantity.Percent),
        new("work_in_total", "WorkACIn", Quantity.Energy), new("work_out_total", "WorkACOut", Quantity.Energy),
    ];

    private enum Quantity
    {
        Power,
        Energy,
        Percent,
    }

    /// <summary>The item name of a thing's harmonized channel.</summary>
    public static string ItemName(string thingUid, string channel) => NotAlphanumeric().Replace(thingUid, "_") + "_harmonized_" + channel;

    /// <summary>Every item, as <c>GET /rest/items</c> lists them.</summary>
    public static void Write(Utf8JsonWriter w, ManagerHome home, Uri origin)
    {
        w.WriteStartArray();
        foreach (var (thing, channel) in Items(home))
        {
            WriteItem(w, thing, channel, origin);
        }

        w.WriteEndArray();
    }

    /// <summary>Whether an item of that name exists (each item's <c>link</c> is <c>/rest/items/{name}</c>).</summary>
    public static bool Has(ManagerHome home, string name) =>
        Items(home).Any(item => string.Equals(ItemName(item.Thing.Uid, item.Channel.Name), name, StringComparison.Ordinal));

    /// <summary>One item, as <c>GET /rest/items/{name}</c> answers; <see cref="Has"/> says whether it exists.</summary>
    public static void WriteOne(Utf8JsonWriter w, ManagerHome home, string name, Uri origin)
    {
        var (thing, channel) = Items(home).First(item => string.Equals(ItemName(item.Thing.Uid, item.Channel.Name), name, StringComparison.Ordinal));
        WriteItem(w, thing, channel, origin);
    }

    private static IEnumerable<(ManagerThing Thing, Channel Channel)> Items(ManagerHome home) =>
        home.Things.SelectMany(thing => ChannelsOf(thing.Kind).Select(channel => (thing, channel)));

    private static void WriteItem(Utf8JsonWriter w, ManagerThing thing, Channel channel, Uri origin)
    {
        var name = ItemName(thing.Uid, channel.Name);
        w.WriteStartObject();
        w.WriteString("link", new Uri(origin, "/rest/items/" + name).AbsoluteUri);
        w.WriteString("state", State(thing.Number(channel.Tag), channel.Quantity));
        w.WriteBoolean("editable", false);
        w.WriteString("type", channel.Quantity switch
        {
            Quantity.Power => "Number:Power",
            Quantity.Energy => "Number:Energy",
            _ => "Number:Dimensionless",
        });
        w.WriteString("name", name);
        w.WriteString("label", $"{thing.Label} {channel.Name.Replace('_', ' ')}");
        w.WriteString("category", "energy");
        w.WriteStartArray("tags");
        w.WriteEndArray();
        w.WriteStartArray("groupNames");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static Channel[] ChannelsOf(ManagerThingKind kind) => kind switch
    {
        ManagerThingKind.Location => LocationChannels,
        ManagerThingKind.PvPlant => PvPlantChannels,
        ManagerThingKind.Meter => MeterChannels,
        ManagerThingKind.Battery => BatteryChannels,
        _ => [],
    };

    private static string State(double? value, Quantity quantity) => value is { } number && double.IsFinite(number)
        ? number.ToString("0.###", CultureInfo.InvariantCulture) + quantity switch
        {
            Quantity.Power => " W",
            Quantity.Energy => " Wh",
            _ => " %",
        }
        : "NULL";

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotAlphanumeric();

    private readonly record struct Channel(string Name, string Tag, Quantity Quantity);
}
