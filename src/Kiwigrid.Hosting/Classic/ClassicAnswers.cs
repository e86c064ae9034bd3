using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kiwigrid.Hosting.Classic;

/// <summary>
/// The two classic answers for serve's latest reading, written once per reading: a request never reaches the source,
/// and integrations polling every few seconds cost one lookup each.
/// </summary>
internal sealed class ClassicAnswers(SiteFeed feed)
{
    /// <summary>Device names with umlauts stay readable, as the Energy Manager sends them.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Answer? _latest;

    /// <summary>The answers for the latest reading; null before the first one.</summary>
    public Answer? Latest()
    {
        if (feed.Latest is not { } reading)
        {
            return null;
        }

        // Two requests racing on a new reading may both write it; either result is the same.
        var cached = Volatile.Read(ref _latest);
        if (cached is not null && ReferenceEquals(cached.Reading, reading))
        {
            return cached;
        }

        var zone = feed.TimeProvider.LocalTimeZone;
        var answer = new Answer(
            reading,
            Write(json => ClassicDeviceList.Write(json, reading.Devices, zone)),
            Write(json => ManagerEnergyOverview.Write(json, reading.Flow)));
        Volatile.Write(ref _latest, answer);
        return answer;
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <param name="Reading">The reading both answers were written from.</param>
    /// <param name="DeviceList">The body of <c>/rest/kiwigrid/wizard/devices</c>.</param>
    /// <param name="EnergyOverview">The body of <c>/rest/hems-configurator/energy-overview</c>.</param>
    internal sealed record Answer(SiteReading Reading, byte[] DeviceList, byte[] EnergyOverview);
}
