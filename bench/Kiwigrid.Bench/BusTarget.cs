using System.Diagnostics;
using System.Text.Json.Nodes;
using Kiwigrid.Client.EventBus;

namespace Kiwigrid.Bench;

/// <summary>
/// One server of the bus benchmark: the client's connection to it, the address asked, the server's process (for its
/// CPU time), and its rounds' figures.
/// </summary>
internal sealed class BusTarget(string name, EventBusConnection connection, string address, int processId)
{
    public string Name { get; } = name;

    public EventBusConnection Connection { get; } = connection;

    public string Address { get; } = address;

    /// <summary>The measured rounds, per number of requests in flight.</summary>
    public Dictionary<int, List<BusRound>> Rounds { get; } = [];

    /// <summary>The CPU time (user + system) the server process has used so far.</summary>
    public TimeSpan ServerCpuTime()
    {
        using var process = Process.GetProcessById(processId);
        return process.TotalProcessorTime;
    }

    /// <summary>The raw JSON of the reply body to <paramref name="body"/>.</summary>
    public async Task<string> ReplyTextAsync(JsonObject body) => await Connection.SendAsync(Address, body, static reply => reply.ToElement().GetRawText());
}
