using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// The site at one instant, as the HEMS API sees it: brought up to the clock (<see cref="ISite.Update"/>) and read
/// under the store's one lock, so the energy flows of one answer belong to the same simulation step the event bus and
/// the local endpoint show.
/// </summary>
internal sealed class HemsSnapshot
{
    private const string DefaultTimeZone = "Europe/Berlin";

    private HemsSnapshot(IReadOnlyList<HemsDevice> devices, string timeZoneId)
    {
        Devices = devices;
        TimeZoneId = timeZoneId;
    }

    public IReadOnlyList<HemsDevice> Devices { get; }

    /// <summary>The site's time zone: the simulation's, else the Energy Manager's <c>IdTimezone</c>, else Europe/Berlin.</summary>
    public string TimeZoneId { get; }

    /// <summary>The Location, which holds the home's flows; null for a dump without one.</summary>
    public HemsDevice? Location => Devices.FirstOrDefault(d => d.Kind == HemsDeviceKind.Location);

    public static HemsSnapshot Take(ISite site)
    {
        site.Update();
        var devices = new List<HemsDevice>();
        string? zone = (site as SimulatedSite)?.Options.TimeZoneId;
        foreach (var document in site.Devices.ToDocuments(cloudShape: false))
        {
            var classes = document["deviceModel"]!.AsArray().Select(m => m!["deviceClass"]!.GetValue<string>()).ToList();
            var tags = document["tagValues"]!.AsObject();
            if (zone is null && classes.Contains("com.kiwigrid.devices.em.EnergyManager")
                && tags["IdTimezone"]?["value"] is JsonValue value && value.TryGetValue<string>(out var id))
            {
                zone = id;
            }

            devices.Add(new HemsDevice(document["guid"]!.GetValue<string>(), KindOf(classes), tags));
        }

        return new HemsSnapshot(devices, zone ?? DefaultTimeZone);
    }

    public IEnumerable<HemsDevice> OfKind(HemsDeviceKind kind) => Devices.Where(d => d.Kind == kind);

    public TimeZoneInfo TimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);
        }
    }

    private static HemsDeviceKind KindOf(List<string> classes)
    {
        bool Has(string name) => classes.Exists(c => c.EndsWith(name, StringComparison.Ordinal));

        // A Battery flex is also an Inverter; its battery converter class decides.
        return Has(".location.Location") ? HemsDeviceKind.Location
            : Has(".pvplant.PVPlant") ? HemsDeviceKind.PvPlant
            : Has(".batteryconverter.BatteryConverter") ? HemsDeviceKind.Battery
            : Has(".evstation.EVStation") ? HemsDeviceKind.EvStation
            : Has(".plug.Plug") ? HemsDeviceKind.Plug
            : classes.Exists(c => c.Contains("Heater", StringComparison.OrdinalIgnoreCase)) ? HemsDeviceKind.SmartHeater
            : HemsDeviceKind.Other;
    }
}
