using System.Diagnostics;

namespace Kiwigrid.Bench;

/// <summary>
/// A steady rate of <c>GET</c> requests to one URL, as integrations polling serve's API make them: a few keep-alive
/// connections, each sending on a fixed schedule (a send due while the previous reply is pending goes late).
/// </summary>
internal static class ApiPollers
{
    private const int Connections = 25;

    public static async Task<ApiPollFigures> RunAsync(Uri url, int perSecond, TimeSpan length)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = Connections })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var period = TimeSpan.FromSeconds((double)Connections / perSecond);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Connections).Select(i => Task.Run(async () =>
        {
            var latencies = new Latencies();
            int errors = 0, late = 0;
            long bytes = 0;
            for (var due = period * i / Connections; due < length; due += period)
            {
                var wait = due - watch.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                else
                {
                    late++;
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(url);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    bytes += body.Length;
                    if (response.IsSuccessStatusCode)
                    {
                        latencies.Add(Stopwatch.GetTimestamp() - start);
                    }
                    else
                    {
                        errors++;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    errors++;
                }
            }

            return (latencies, errors, late, bytes);
        })).ToList();
        var results = await Task.WhenAll(workers);
        var merged = Latencies.Merge(results.Select(r => r.latencies));
        return new ApiPollFigures(merged, results.Sum(r => r.errors), results.Sum(r => r.late), merged.Count == 0 ? 0 : results.Sum(r => r.bytes) / (merged.Count + results.Sum(r => r.errors)));
    }
}

/// <summary>Answered requests' latencies, failed requests, sends that went late, and the mean reply body in bytes.</summary>
internal sealed record ApiPollFigures(Latencies Latencies, int Errors, int Late, long BodyBytes);
