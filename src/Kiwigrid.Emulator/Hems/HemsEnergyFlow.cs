using System.Text.Json;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// <c>GET /v11/energy-flow</c> from the Location's power tags (W) of one snapshot, so sources (pv.out + grid.in +
/// battery.out) equal sinks (consumption.in + grid.out + battery.in) as the Location's balance does. Our reading of
/// the public payloads: <c>consumption.in</c> is the Location's <c>PowerConsumed</c> (which includes the EV, shown
/// again under <c>ev</c>), <c>direct_consumption</c> its <c>PowerConsumedFromProducers</c>, <c>battery.in_from_grid</c>
/// <c>PowerBufferedFromGrid</c>, <c>battery.out_to_grid</c> <c>PowerOutFromStorage</c>; consumption and grid name the
/// Location as their device, as the analytics series of the same id do.
/// </summary>
internal static class HemsEnergyFlow
{
    public static void Write(Utf8JsonWriter w, HemsSnapshot home)
    {
        var location = home.Location;
        double Flow(string tag) => location?.Number(tag) ?? 0;
        var batteries = home.OfKind(HemsDeviceKind.Battery).ToList();
        var stations = home.OfKind(HemsDeviceKind.EvStation).ToList();

        w.WriteStartObject();
        w.WriteStartObject("consumption");
        w.WriteNumber("in", Flow("PowerConsumed"));
        w.WriteNumber("direct_consumption", Flow("PowerConsumedFromProducers"));
        WriteLocationDevice(w, location);
        w.WriteEndObject();

        w.WriteStartObject("grid");
        w.WriteNumber("in", Flow("PowerIn"));
        w.WriteNumber("out", Flow("PowerOut"));
        w.WriteNumber("balance", Flow("PowerIn") - Flow("PowerOut"));
        WriteLocationDevice(w, location);
        w.WriteEndObject();

        w.WriteStartObject("pv");
        w.WriteNumber("out", Flow("PowerProduced"));
        w.WriteStartArray("devices");
        foreach (var plant in home.OfKind(HemsDeviceKind.PvPlant))
        {
            w.WriteStartObject();
            w.WriteString("id", plant.Guid);
            w.WriteNumber("out", plant.Number("PowerACOut"));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartObject("battery");
        w.WriteNumber("in", Flow("PowerBuffered"));
        w.WriteNumber("out", Flow("PowerReleased"));
        w.WriteNumber("in_from_grid", Flow("PowerBufferedFromGrid"));
        w.WriteNumber("out_to_grid", Flow("PowerOutFromStorage"));
        w.WriteNumber("soc", batteries.Count == 0 ? 0 : batteries.Average(b => b.StateOfChargeFraction));
        w.WriteNumber("balance", Flow("PowerBuffered") - Flow("PowerReleased"));
        w.WriteStartArray("devices");
        foreach (var battery in batteries)
        {
            w.WriteStartObject();
            w.WriteString("id", battery.Guid);
            w.WriteNumber("in", battery.Number("PowerACIn"));
            w.WriteNumber("out", battery.Number("PowerACOut"));
            w.WriteNumber("soc", battery.StateOfChargeFraction);
            w.WriteNumber("balance", battery.Number("PowerACIn") - battery.Number("PowerACOut"));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();

        // No emulated station feeds back: ev.out is 0 and bidirectional false.
        var evIn = stations.Sum(s => s.Number("PowerACIn"));
        w.WriteStartObject("ev");
        w.WriteNumber("in", evIn);
        w.WriteNumber("out", 0);
        w.WriteNumber("balance", evIn);
        w.WriteBoolean("bidirectional", false);
        w.WriteStartArray("devices");
        foreach (var station in stations)
        {
            w.WriteStartObject();
            w.WriteString("id", station.Guid);
            w.WriteNumber("in", station.Number("PowerACIn"));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteLocationDevice(Utf8JsonWriter w, HemsDevice? location)
    {
        w.WriteStartArray("devices");
        if (location is not null)
        {
            w.WriteStartObject();
            w.WriteString("id", location.Guid);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
