using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Kiwigrid.Client;
using Kiwigrid.Client.History;
using Kiwigrid.Hosting;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>serve fills today's chart from the cloud's history, from local midnight up to the first live reading.</summary>
public sealed class ChartBackfillTests
{
    private const string Note = "Today's chart: ";
    private const string Unavailable = "Today's history is not available";

    // serve's clock runs in UTC, so its day starts at 00:00Z; its first reading is at 10:00Z.
    private static readonly DateTimeOffset Midnight = new(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_day_before_the_first_reading_comes_as_quarter_hour_averages_of_the_export_and_live_points_follow()
    {
        await using var served = await ServedHome.StartAsync();
        // A dashboard open from the start gets the morning pushed once it arrives.
        using var events = await served.Http.GetStreamAsync("api/events");
        using var reader = new StreamReader(events);
        await served.WaitForFirstSnapshotAsync();

        var (name, day) = await ServedHome.ReadEventAsync(reader);
        Assert.Equal("hello", name);
        // Unless the history came before this dashboard did, it follows the first live readings.
        while (!(name is "hello" or "history" && Points(day).Any(p => p.Length == 6)))
        {
            (name, day) = await ServedHome.ReadEventAsync(reader);
            Assert.NotEqual("hello", name);
        }

        var history = Points(day);
        var averages = history.TakeWhile(p => p.Length == 6).ToList();
        Assert.Equal(Midnight, At(averages[0]));
        Assert.All(averages, p => Assert.Equal(900, p[5]!.Value));
        Assert.Equal(Enumerable.Range(0, averages.Count).Select(i => Midnight.AddMinutes(15 * i)), averages.Select(At));
        // Every whole quarter hour before the first reading (10:00Z, the simulation's start), and only those.
        var live = history.Skip(averages.Count).ToList();
        Assert.NotEmpty(live);
        Assert.All(live, p => Assert.Equal(5, p.Length));
        Assert.Equal(40, averages.Count);
        Assert.True(At(averages[^1]).AddMinutes(15) <= At(live[0]));
        var note = Assert.Single(served.Error.Split('\n'), l => l.StartsWith(Note, StringComparison.Ordinal)).TrimEnd('\r');
        Assert.Equal("Today's chart: 40 quarter hours from the cloud's history; totals from midnight.", note);
        Assert.True(note.Replace("40", "96", StringComparison.Ordinal).Length <= 80, "a whole day's note fits 80 columns");

        // A quarter hour of full sun: the chart's powers are the export's Wh × 4.
        await using var client = await KiwigridClient.ConnectAsync("demo@example.com", "demo", KiwigridClientOptions.ForServer(new Uri(served.Server)) with { TimeProvider = served.Clock });
        var export = await client.GetEnergyHistoryAsync(Midnight, At(live[0]), HistoryResolution.FifteenMinutes);
        var sampled = Midnight.AddHours(9);
        var row = export.Rows.Single(r => r.Start == sampled);
        var point = averages.Single(p => At(p) == sampled);
        var production = row[export.IndexOf(EnergyHistoryColumns.Production)]!.Value;
        Assert.True(production > 100, $"the sampled quarter has sun ({production} Wh)");
        Assert.Equal(production * 4, point[1]!.Value, 0.05);
        Assert.Equal(row[export.IndexOf(EnergyHistoryColumns.Consumption)]!.Value * 4, point[2]!.Value, 0.05);
        Assert.Equal((row[export.IndexOf(EnergyHistoryColumns.GridPurchase)]!.Value - row[export.IndexOf(EnergyHistoryColumns.GridFeedIn)]!.Value) * 4, point[3]!.Value, 0.05);
        Assert.Equal(row[export.IndexOf(EnergyHistoryColumns.StateOfCharge)]!.Value, point[4]!.Value, 0.05);
        // The history is the home's own past: the live run takes up where the last quarter hour left off.
        Assert.Equal(averages[^1][4]!.Value, live[0][4]!.Value, 0);

        // A dashboard opened later gets the same day in its hello, and new live points go after it.
        await served.AdvancePollsAsync(1);
        var hello = Points(await served.HelloAsync());
        Assert.Equal(averages.Count, hello.Count(p => p.Length == 6));
        Assert.Equal(history.Select(At), hello.Take(history.Count).Select(At));
        Assert.True(hello.Count > history.Count);
        Assert.Equal(5, hello[^1].Length);
    }

    [Fact]
    public async Task On_the_LAN_there_is_no_history_to_fill_and_one_line_says_so()
    {
        await using var served = await ServedHome.StartAsync(server => ["--local", server]);
        await served.WaitForFirstSnapshotAsync();
        await served.AdvancePollsAsync(1);

        var history = Points(await served.HelloAsync());
        Assert.Equal(2, history.Count);
        Assert.All(history, p => Assert.Equal(5, p.Length));
        Assert.Single(served.Error.Split('\n'), l => l.Contains("keeps no history; today's chart starts with the live readings.", StringComparison.Ordinal));
        Assert.DoesNotContain(Note, served.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_backend_that_never_answers_delays_nothing_and_costs_one_line_when_it_times_out()
    {
        // Login, desktop and bus are the emulator's; the export backend accepts connections and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        _ = AcceptForeverAsync(silent, held);
        var export = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        await using var served = await ServedHome.StartAsync(server =>
        [
            "--cloud", "legacy", "--server", export, "--auth-url", server, "--desktop-url", server,
            "--bus-url", server.Replace("http://", "ws://", StringComparison.Ordinal) + "kiwibus",
        ]);

        // Live at once, while the history request hangs.
        await served.WaitForFirstSnapshotAsync();
        var flow = await served.GetJsonAsync("api/energy-flow");
        Assert.True(flow.GetProperty("pvPowerW").GetDouble() > 0);
        await ServedHome.WaitAsync(() => Task.FromResult(held.Count > 0), "the history request");

        // The request times out on serve's clock (30 s); the dashboard goes on live-only.
        await served.AdvanceUntilAsync(() => Task.FromResult(served.Error.Contains(Unavailable, StringComparison.Ordinal)), "the history to time out");
        var line = Assert.Single(served.Error.Split('\n'), l => l.Contains(Unavailable, StringComparison.Ordinal));
        Assert.EndsWith("; the chart and today's totals start with the live readings.", line.TrimEnd(), StringComparison.Ordinal);
        Assert.False((await served.GetJsonAsync("api/energy-flow")).GetProperty("today").GetProperty("wholeDay").GetBoolean());
        Assert.DoesNotContain("demo", line, StringComparison.Ordinal);
        var history = Points(await served.HelloAsync());
        Assert.True(history.Count > 1);
        Assert.All(history, p => Assert.Equal(5, p.Length));
        using var health = await served.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        silent.Stop();
        lock (held)
        {
            held.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void Quarter_hours_become_average_powers_and_only_whole_ones_before_the_first_reading_count()
    {
        var columns = new[]
        {
            Energy(EnergyHistoryColumns.Production), Energy(EnergyHistoryColumns.Consumption),
            Energy(EnergyHistoryColumns.GridFeedIn), Energy(EnergyHistoryColumns.GridPurchase),
            new HistoryColumn("State of charge (a)", "%", HistoryAggregation.TimeWeightedAverage, new HistoryDeviceTags("a", "StateOfCharge")),
            new HistoryColumn("State of charge (b)", "%", HistoryAggregation.TimeWeightedAverage, new HistoryDeviceTags("b", "StateOfCharge")),
        };
        var start = Midnight.AddHours(8);
        var table = new HistoryTable(HistoryResolution.FifteenMinutes, columns,
        [
            new HistoryRow(start, start.AddMinutes(15), [500, 100, 350, 0, 40, 60]),
            new HistoryRow(start.AddMinutes(15), start.AddMinutes(30), [null, null, null, null, null, null]),
            new HistoryRow(start.AddMinutes(30), start.AddMinutes(45), [0, 250, null, 200, null, 30]),
            new HistoryRow(start.AddMinutes(45), start.AddMinutes(60), [1, 1, 1, 1, 1, 1]),
        ]);

        var points = HistoryPoint.FromEnergyHistory(table, start.AddMinutes(50));

        Assert.Equal(
            [
                new HistoryPoint(start, 2000, 400, -1400, 50, TimeSpan.FromMinutes(15)),
                new HistoryPoint(start.AddMinutes(30), 0, 1000, 800, 30, TimeSpan.FromMinutes(15)),
            ],
            points);
    }

    [Fact]
    public void History_goes_before_the_live_points_on_their_day_only_and_within_the_capacity()
    {
        var history = new ReadingHistory(TimeZoneInfo.Utc, capacity: 4);
        Assert.Equal(0, history.Backfill([Quarter(Midnight)]));

        var firstLive = Midnight.AddHours(10);
        history.Add(new HistoryPoint(firstLive, 1, null, null, null));
        history.Add(new HistoryPoint(firstLive.AddSeconds(5), 2, null, null, null));
        var yesterday = Quarter(Midnight.AddMinutes(-15));
        var added = history.Backfill([Quarter(Midnight.AddHours(9)), Quarter(Midnight), yesterday, Quarter(firstLive), Quarter(Midnight.AddHours(9.75))]);

        Assert.Equal(2, added);
        Assert.Equal([Midnight.AddHours(9), Midnight.AddHours(9.75), firstLive, firstLive.AddSeconds(5)], history.ToList().Select(p => p.At));
        Assert.True(history.ToList()[0].IsAverage);
    }

    private static HistoryColumn Energy(string label) => new(label, "Wh", HistoryAggregation.Increase, new HistoryDeviceTags("loc", label.Replace(" ", "", StringComparison.Ordinal)));

    private static HistoryPoint Quarter(DateTimeOffset at) => new(at, 0, 0, 0, null, TimeSpan.FromMinutes(15));

    /// <summary>The chart points of a <c>hello</c> or <c>history</c> event.</summary>
    private static List<double?[]> Points(JsonElement history) =>
        [.. history.GetProperty("history").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray())];

    private static DateTimeOffset At(double?[] point) => DateTimeOffset.FromUnixTimeMilliseconds((long)point[0]!.Value);

    private static async Task AcceptForeverAsync(TcpListener listener, List<Socket> held)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync();
                lock (held)
                {
                    held.Add(socket);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The listener stopped.
        }
    }
}
