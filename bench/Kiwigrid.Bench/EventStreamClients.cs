using System.Diagnostics;
using System.Globalization;

namespace Kiwigrid.Bench;

/// <summary>
/// Dashboards on <c>/api/events</c> of one serve: each its own HTTP/1.1 connection reading the server-sent events
/// line by line, opened <see cref="OpenConcurrently"/> at a time. Each <c>snapshot</c> is recorded with the moment
/// its data line was complete here and the <c>serverTime</c> it carries (the first one in the event: the flow's,
/// written by serve just before it hands the event to every subscriber), both from this machine's clock.
/// </summary>
internal sealed class EventStreamClients : IAsyncDisposable
{
    private const int OpenConcurrently = 50;
    private const string ServerTimeField = "\"serverTime\":\"";

    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(OpenConcurrently);
    private readonly List<Task<List<Delivery>>> _readers;
    private int _connected;
    private int _failed;

    private EventStreamClients(Uri dashboard, int count)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var events = new Uri(dashboard, "api/events");
        _readers = [.. Enumerable.Range(0, count).Select(_ => Task.Run(() => ReadAsync(events)))];
    }

    /// <summary>Clients that received their <c>hello</c>.</summary>
    public int Connected => Volatile.Read(ref _connected);

    /// <summary>Clients whose request failed or whose stream ended before the end.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public static EventStreamClients Open(Uri dashboard, int count) => new(dashboard, count);

    /// <summary>Waits until every client got its <c>hello</c> or failed, or <paramref name="timeout"/> passed.</summary>
    public async Task WaitConnectedAsync(int count, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (Connected + Failed < count && waited.Elapsed < timeout)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Ends every stream and returns the deliveries of the snapshots serve published between the two times.</summary>
    public async Task<DeliveryFigures> StopAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await _stop.CancelAsync();
        var all = await Task.WhenAll(_readers);
        var inWindow = all.SelectMany(d => d).Where(d => d.ServerTicks >= from.UtcTicks && d.ServerTicks <= to.UtcTicks).ToList();
        var latencies = new Latencies();
        foreach (var delivery in inWindow)
        {
            latencies.Add(Math.Max(0, delivery.ReceivedTicks - delivery.ServerTicks) * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
        }

        var events = inWindow.GroupBy(d => d.ServerTicks).ToList();
        var spreads = new Latencies();
        var firsts = new Latencies();
        foreach (var one in events)
        {
            spreads.Add((one.Max(d => d.ReceivedTicks) - one.Min(d => d.ReceivedTicks)) * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
            firsts.Add(Math.Max(0, one.Min(d => d.ReceivedTicks) - one.Key) * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
        }

        return new DeliveryFigures(
            Latencies.Merge([latencies]),
            Latencies.Merge([spreads]),
            Latencies.Merge([firsts]),
            events.Count,
            inWindow.Count,
            events.Sum(e => Connected - e.Count()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        _http.Dispose();
        _stop.Dispose();
        _gate.Dispose();
    }

    private static long ServerTicks(string dataLine)
    {
        var start = dataLine.IndexOf(ServerTimeField, StringComparison.Ordinal) + ServerTimeField.Length;
        var end = dataLine.IndexOf('"', start);
        return DateTimeOffset.Parse(dataLine.AsSpan(start, end - start), CultureInfo.InvariantCulture).UtcTicks;
    }

    private async Task<List<Delivery>> ReadAsync(Uri events)
    {
        var deliveries = new List<Delivery>();
        var holdsGate = false;
        try
        {
            await _gate.WaitAsync(_stop.Token);
            holdsGate = true;
            using var response = await _http.GetAsync(events, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            var eventName = "";
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventName = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    // The moment first: nothing this client does after the line arrived counts against serve.
                    var received = DateTimeOffset.UtcNow.UtcTicks;
                    if (eventName == "snapshot")
                    {
                        deliveries.Add(new Delivery(ServerTicks(line), received));
                    }
                    else if (eventName == "hello" && holdsGate)
                    {
                        holdsGate = false;
                        _gate.Release();
                        Interlocked.Increment(ref _connected);
                    }
                }
            }

            // serve ended the stream.
            Interlocked.Increment(ref _failed);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The benchmark ended the stream.
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            if (holdsGate)
            {
                _gate.Release();
            }
        }

        return deliveries;
    }

    private readonly record struct Delivery(long ServerTicks, long ReceivedTicks);
}

/// <summary>
/// What the dashboards received of the snapshots published in a window: delivery latency (serve's
/// <c>serverTime</c> to receipt), the spread per event (first to last client), how many events, deliveries and
/// the latency of each event's first delivery, how many events, deliveries and deliveries missing (connected clients
/// that did not get an event).
/// </summary>
internal sealed record DeliveryFigures(Latencies Latency, Latencies Spread, Latencies First, int Events, int Deliveries, int Missing);
