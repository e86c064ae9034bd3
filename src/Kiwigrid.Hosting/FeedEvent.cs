using System.Text;

namespace Kiwigrid.Hosting;

/// <summary>One server-sent event for the dashboard: its type and its JSON data (one line).</summary>
internal sealed record FeedEvent(string Name, string Json)
{
    /// <summary>The event as the stream sends it, in UTF-8: made once, however many dashboards receive it.</summary>
    public ReadOnlyMemory<byte> Frame { get; } = Encoding.UTF8.GetBytes($"event: {Name}\ndata: {Json}\n\n");
}
