using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// The simulated home at one instant as the Manager lists it: brought up to the clock (<see cref="ISite.Update"/>) and
/// read in one pass, so one answer's numbers belong to the same simulation step the other hosts show. The Location,
/// PV plants, PV inverters, power meters and batteries become things; the Energy Manager, apps and the rest do not.
/// </summary>
internal sealed partial class ManagerHome
{
    /// <summary>
    /// Our design: every device thing is named under the one binding the public payloads show, whatever the
    /// simulated hardware is, so that a client written against real payloads recognises them.
    /// </summary>
    private const string DeviceBinding = "foxesshybrid";

    private ManagerHome(IReadOnlyList<ManagerThing> things, string? bridgeUid)
    {
        Things = things;
        BridgeUid = bridgeUid;
    }

    public IReadOnlyList<ManagerThing> Things { get; }

    /// <summary>The Location, which holds the home's flows and counters; null for a dump without one.</summary>
    public ManagerThing? Location => Things.FirstOrDefault(t => t.Kind == ManagerThingKind.Location);

    /// <summary>The bridge the device things hang off (named after the first battery); null without a battery.</summary>
    public string? BridgeUid { get; }

    public IEnumerable<ManagerThing> Batteries => Things.Where(t => t.Kind == ManagerThingKind.Battery);

    public static ManagerHome Take(ISite site)
    {
        site.Update();
        var things = new List<ManagerThing>();
        string? bridge = null;
        foreach (var document in site.Devices.ToDocuments(cloudShape: false))
        {
            var classes = document["deviceModel"]!.AsArray().Select(m => m!["deviceClass"]!.GetValue<string>()).ToList();
            var tags = document["tagValues"]!.AsObject();
            var guid = document["guid"]!.GetValue<string>();
            if (KindOf(classes) is not { } kind)
            {
                continue;
            }

            var serial = Text(tags, "IdSerialNumber") ?? IdSegment(guid);
            var name = Text(tags, "IdName");
            bridge ??= kind == ManagerThingKind.Battery ? serial : null;
            things.Add(kind switch
            {
                ManagerThingKind.Location => new ManagerThing(kind, $"kiwigrid-location:standard:{IdSegment(guid)}", "kiwigrid-location:standard", name ?? "Location", serial, tags),
                ManagerThingKind.PvPlant => new ManagerThing(kind, $"pvplant:standard:{IdSegment(guid)}", "pvplant:standard", name ?? "PV plant", serial, tags),
                ManagerThingKind.Inverter => Device(kind, "inverter", name ?? "SOLARWATT Inverter", serial, tags),
                ManagerThingKind.Meter => Device(kind, "meter", name ?? "Power meter", serial, tags),
                _ => Device(kind, "battery", name ?? "Battery", serial, tags),
            });
        }

        return new ManagerHome(things, bridge is null ? null : $"{DeviceBinding}:bridge:{IdSegment(bridge)}");
    }

    private static ManagerThing Device(ManagerThingKind kind, string type, string label, string serial, JsonObject tags) =>
        new(kind, $"{DeviceBinding}:{type}:{IdSegment(serial)}", $"{DeviceBinding}:{type}", label, serial, tags);

    private static ManagerThingKind? KindOf(List<string> classes)
    {
        bool Has(string name) => classes.Exists(c => c.EndsWith(name, StringComparison.Ordinal));

        // A Battery flex is also an Inverter; its battery converter class decides.
        return Has(".location.Location") ? ManagerThingKind.Location
            : Has(".pvplant.PVPlant") ? ManagerThingKind.PvPlant
            : Has(".batteryconverter.BatteryConverter") ? ManagerThingKind.Battery
            : Has(".inverter.Inverter") ? ManagerThingKind.Inverter
            : Has(".powermeter.PowerMeter") ? ManagerThingKind.Meter
            : null;
    }

    private static string? Text(JsonObject tags, string tag) => tags[tag]?["value"] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) && text.Length > 0 => text,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    /// <summary>A guid or serial as one uid segment: every run of characters a uid cannot hold becomes '-'.</summary>
    private static string IdSegment(string text) => NotUidCharacters().Replace(text, "-").Trim('-');

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex NotUidCharacters();
}
