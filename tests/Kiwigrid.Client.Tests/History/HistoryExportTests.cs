using System.Text.Json.Nodes;

using Kiwigrid.Client.History;
using Kiwigrid.Client.Tests.Local;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.History;

public sealed class HistoryExportTests
{
    private const string PvPlant = "9124fde9-dc3e-4439-81a6-56c3eb087b49";
    private const string Location = "bc3e3b84-9946-40cd-80d1-e995ffea3b99";
    private const string Battery = "00864ee8-3454-4c33-8f57-79acfb34e0ef";

    private static readonly DateTimeOffset Midsummer = new(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);

    private static HistoryQuery OneColumn(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution = HistoryResolution.FifteenMinutes) =>
        new(from, to, resolution, new HistoryColumn("Grid purchase", "Wh", HistoryAggregation.Increase, new HistoryDeviceTags(Location, "WorkConsumedFromGrid", "WorkBufferedFromGrid")));

    private static async Task<FakeExportBackend> BackendAsync()
    {
        var backend = await FakeExportBackend.StartAsync();
        backend.ValidTokens.Add(SecretTokens.Token(1));
        return backend;
    }

    [Fact]
    public async Task Energy_history_asks_for_the_portals_columns_and_reads_the_rows_in_UTC()
    {
        await using var backend = await BackendAsync();
        backend.Value = (column, json, start) => (string)json["label"]! switch
        {
            "Production" when start.Hour == 0 => null,
            "State of charge" => 55.5,
            _ => (column * 100) + (start.Minute / 15) + 0.25,
        };
        var tokens = new SecretTokens();
        await using var client = HistoryClient.Create(backend, tokens);

        var history = await client.GetEnergyHistoryAsync(Midsummer, Midsummer.AddHours(2), HistoryResolution.FifteenMinutes);

        Assert.Equal(
            ["Production", "Consumption", "Grid feed-in", "Grid purchase", "Battery charge", "Battery discharge", "Self-consumption", "State of charge"],
            history.Columns.Select(c => c.Label));
        Assert.Equal(8, history.Rows.Count);
        Assert.All(history.Rows, (row, i) =>
        {
            Assert.Equal(Midsummer.AddMinutes(15 * i), row.Start);
            Assert.Equal(TimeSpan.Zero, row.Start.Offset);
            Assert.Equal(row.Start.AddMinutes(15), row.End);
            Assert.Equal(row.Start.Hour == 0 ? null : (i % 4) + 0.25, row[0]);
            Assert.Equal(300 + (i % 4) + 0.25, row[history.IndexOf(EnergyHistoryColumns.GridPurchase)]);
            Assert.Equal(55.5, row[7]);
        });
        Assert.Equal(0.25 + 1.25 + 2.25 + 3.25, history.Summarize(0));
        Assert.Equal(55.5, history.Summarize(7));

        var request = Assert.Single(backend.Requests);
        Assert.Equal(SecretTokens.Token(1), request.Token);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(
            """{"delimiter":";","fileName":"export.csv","timeZoneId":"UTC","timezone":"UTC","dateFormat":"DD.MM.YYYY HH:mm:ss","replaceForNull":"---","decimalSeparator":","}""",
            request.Body["outputFileConfig"]!.ToJsonString());
        Assert.Equal(
            $$"""{"resolution":"PT15M","from":{{Midsummer.ToUnixTimeSeconds()}},"to":{{Midsummer.AddHours(2).ToUnixTimeSeconds()}},"function":"INC"}""",
            request.Body["aggregationConfig"]!.ToJsonString());
        Assert.Equal(
            $$"""{"tagsByDevice":[{"guid":"{{PvPlant}}","tags":["WorkACOut"]}],"label":"Production","precision":2,"baseUnit":"Wh","decimalUnitPrefix":""}""",
            request.Columns[0]!.ToJsonString());
        Assert.Equal(
            ["WorkConsumedFromProducers", "WorkConsumedFromGrid", "WorkConsumedFromStorage"],
            request.Columns[1]!["tagsByDevice"]!.AsArray().Select(d => (string)d!["tags"]![0]!));
        Assert.All(request.Columns[1]!["tagsByDevice"]!.AsArray(), d => Assert.Equal(Location, (string?)d!["guid"]));
        Assert.Equal(
            $$"""{"tagsByDevice":[{"guid":"{{Battery}}","tags":["StateOfCharge"],"function":"TWA"}],"label":"State of charge","precision":2,"baseUnit":"%","decimalUnitPrefix":""}""",
            request.Columns[7]!.ToJsonString());
    }

    [Fact]
    public async Task A_site_with_two_PV_plants_and_three_batteries_sums_the_plants_and_gets_a_charge_column_per_battery()
    {
        await using var backend = await BackendAsync();
        await using var client = HistoryClient.Create(backend, new SecretTokens(), "solarwatt-em-3.json");

        var history = await client.GetEnergyHistoryAsync(Midsummer, Midsummer.AddHours(1), HistoryResolution.OneHour);

        var request = Assert.Single(backend.Requests);
        Assert.Equal(2, request.Columns[0]!["tagsByDevice"]!.AsArray().Count);
        var charges = history.Columns.Where(c => c.Label.StartsWith(EnergyHistoryColumns.StateOfCharge, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, charges.Count);
        Assert.Contains(charges, c => c.Label == "State of charge (1 MyReserve 33333333333)");
        Assert.All(charges, c => Assert.Equal(HistoryAggregation.TimeWeightedAverage, c.Aggregation));
        Assert.Single(history.Rows);
    }

    [Fact]
    public async Task The_reply_is_read_leniently_around_the_cells_and_null_marks_become_null()
    {
        await using var backend = await BackendAsync();
        backend.Override = _ => (200, "text/csv", "\uFEFFZeitstempel;Stromzukauf aus dem Netz [kWh]\n21.06.2025 00:00:00;1234,5\n21.06.2025 00:15:00;---\n21.06.2025 00:30:00;-3,25\n21.06.2025 00:45:00;0\n");
        await using var client = HistoryClient.Create(backend, new SecretTokens());

        var history = await client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1)));

        Assert.Equal([1234.5, null, -3.25, 0.0], history.Rows.Select(r => r[0]));
        Assert.Equal(Midsummer.AddMinutes(45), history.Rows[^1].Start);
    }

    [Theory]
    [InlineData("Zeitstempel;A\r\n21.06.2025 00:00:00;1;2\r\n", "line 2 has 3 cells instead of 2")]
    [InlineData("Zeitstempel;A\r\n21.06.2025 00:00:00;1\r\n2025-06-21T00:15:00;1\r\n", "line 3 starts with '2025-06-21T00:15:00' instead of a time")]
    [InlineData("Zeitstempel;A\r\n21.06.2025 00:00:00;1\r\n21.06.2025 00:15:00;1.5\r\n", "line 3, cell 2 holds '1.5' instead of a number")]
    [InlineData("Zeitstempel;A\r\n21.06.2025 00:00:00;\r\n", "line 2, cell 2 holds ''")]
    [InlineData("Zeitstempel;A\r\n21.06.2025 00:15:00;1\r\n21.06.2025 00:00:00;1\r\n", "line 3 (21.06.2025 00:00:00) does not come after")]
    [InlineData("<html><body>Bad gateway</body></html>", "line 1 has 1 cells instead of 2")]
    [InlineData("", "it is empty")]
    public async Task A_reply_that_is_not_the_expected_CSV_is_a_protocol_error_naming_the_line(string csv, string expected)
    {
        await using var backend = await BackendAsync();
        backend.Override = _ => (200, "text/csv", csv);
        await using var client = HistoryClient.Create(backend, new SecretTokens());

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(() => client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("The history export's reply is not the expected CSV", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_says_what_the_backend_said()
    {
        await using var backend = await BackendAsync();
        backend.Override = _ => (400, "application/json", """{"error":"invalid_request","message":"The device urn:x has no tag WorkFoo."}""");
        await using var client = HistoryClient.Create(backend, new SecretTokens());

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1))));

        Assert.Equal(400, error.Code);
        Assert.Equal($"The history export at {backend.BaseUri.GetLeftPart(UriPartial.Authority)} refused the request with HTTP 400: The device urn:x has no tag WorkFoo.", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unknown_or_expired_token_leads_to_one_new_login_and_the_same_request_again(bool expired)
    {
        await using var backend = await FakeExportBackend.StartAsync();
        if (expired)
        {
            backend.ExpiredTokens.Add(SecretTokens.Token(1));
        }

        backend.ValidTokens.Add(SecretTokens.Token(2));
        var tokens = new SecretTokens();
        await using var client = HistoryClient.Create(backend, tokens);

        var history = await client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1)));

        Assert.Equal(4, history.Rows.Count);
        Assert.Equal(1, tokens.Renewals);
        Assert.Equal([SecretTokens.Token(1), SecretTokens.Token(2)], backend.Requests.Select(r => r.Token));
        Assert.Equal(backend.Requests[0].Body.ToJsonString(), backend.Requests[1].Body.ToJsonString());
    }

    [Theory]
    [InlineData(false, 401)]
    [InlineData(true, 419)]
    public async Task A_token_refused_again_after_the_new_login_is_an_error_without_a_second_login(bool expired, int status)
    {
        await using var backend = await FakeExportBackend.StartAsync();
        if (expired)
        {
            backend.ExpiredTokens.UnionWith([SecretTokens.Token(1), SecretTokens.Token(2)]);
        }

        var tokens = new SecretTokens();
        await using var client = HistoryClient.Create(backend, tokens);

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1))));

        Assert.Equal(status, error.Code);
        Assert.Contains("refused the access token", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, tokens.Renewals);
        Assert.Equal(2, backend.Requests.Count);
    }

    [Fact]
    public async Task The_token_never_appears_in_an_error_even_when_the_backend_echoes_it()
    {
        await using var backend = await BackendAsync();
        var token = SecretTokens.Token(1);
        await using var client = HistoryClient.Create(backend, new SecretTokens());

        backend.Override = r => (500, "application/json", new JsonObject { ["message"] = $"internal error for token {r.Token}" }.ToJsonString());
        var failed = await Assert.ThrowsAsync<KiwigridServiceException>(() => client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1))));
        backend.Override = r => (200, "text/csv", $"Zeitstempel;A\r\n{r.Token};1\r\n");
        var garbage = await Assert.ThrowsAsync<KiwigridProtocolException>(() => client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1))));

        Assert.Equal(500, failed.Code);
        Assert.Contains("failed with HTTP 500: internal error for token ***", failed.Message, StringComparison.Ordinal);
        Assert.Contains("line 2 starts with '***'", garbage.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, failed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, garbage.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_at_15_minutes_is_fetched_in_several_requests_and_joined_without_gaps()
    {
        await using var backend = await BackendAsync();
        var from = new DateTimeOffset(2024, 1, 1, 0, 7, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var firstRow = from.AddMinutes(-7);
        backend.Value = (_, _, start) => (start - firstRow).TotalMinutes / 15;
        await using var client = HistoryClient.Create(backend, new SecretTokens());

        var history = await client.GetHistoryAsync(OneColumn(from, to));

        Assert.Equal(366 * 96, history.Rows.Count);
        Assert.Equal(firstRow, history.Rows[0].Start);
        Assert.Equal(to, history.Rows[^1].End);
        for (var i = 0; i < history.Rows.Count; i++)
        {
            Assert.Equal(i, history.Rows[i][0]);
            if (i > 0)
            {
                Assert.Equal(history.Rows[i - 1].End, history.Rows[i].Start);
            }
        }

        Assert.Equal(4, backend.Requests.Count);
        Assert.All(backend.Requests, r => Assert.True((r.To - r.From) / 900 <= 10_000, $"a request spans {(r.To - r.From) / 900} rows"));
        Assert.Equal(from.ToUnixTimeSeconds(), backend.Requests[0].From);
        Assert.Equal(to.ToUnixTimeSeconds(), backend.Requests[^1].To);
    }

    [Fact]
    public async Task Progress_is_reported_before_the_first_request_and_after_each_in_order()
    {
        await using var backend = await BackendAsync();
        backend.Value = (_, _, _) => 1;
        await using var client = HistoryClient.Create(backend, new SecretTokens());
        var reports = new List<HistoryProgress>();

        await client.GetHistoryAsync(OneColumn(Midsummer.AddYears(-1), Midsummer), new SynchronousProgress(reports.Add));

        Assert.Equal([new(0, 4), new(1, 4), new(2, 4), new(3, 4), new(4, 4)], reports);
        Assert.Equal(4, backend.Requests.Count);
    }

    [Fact]
    public async Task Hours_in_a_local_zone_keep_their_order_when_daylight_saving_ends_and_days_there_run_midnight_to_midnight()
    {
        await using var backend = await BackendAsync();
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var from = new DateTimeOffset(2025, 10, 26, 0, 0, 0, TimeSpan.FromHours(2));
        await using var client = HistoryClient.Create(backend, new SecretTokens());

        var hours = await client.GetHistoryAsync(new HistoryQuery(from, from.AddHours(6), HistoryResolution.OneHour, OneColumn(from, from.AddHours(1)).Columns) { TimeZone = berlin });
        backend.Value = (_, _, start) => start.Day;
        var charge = new HistoryColumn("State of charge", "%", HistoryAggregation.TimeWeightedAverage, new HistoryDeviceTags(Battery, "StateOfCharge"));
        var days = await client.GetHistoryAsync(new HistoryQuery(from.AddHours(3), from.AddDays(2), HistoryResolution.OneDay, charge) { TimeZone = berlin });

        Assert.Equal(Enumerable.Range(0, 6).Select(h => from.AddHours(h)), hours.Rows.Select(r => r.Start));
        Assert.Equal([0, 1, 2, 2, 3, 4], hours.Rows.Select(r => r.Start.Hour));
        Assert.Equal([2, 2, 2, 1, 1, 1], hours.Rows.Select(r => r.Start.Offset.Hours));
        Assert.Equal("Europe/Berlin", (string?)backend.Requests[0].Body["outputFileConfig"]!["timeZoneId"]);

        Assert.Equal([from, new DateTimeOffset(2025, 10, 27, 0, 0, 0, TimeSpan.FromHours(1))], days.Rows.Select(r => r.Start));
        Assert.Equal([TimeSpan.FromHours(25), TimeSpan.FromHours(24)], days.Rows.Select(r => r.End - r.Start));
        Assert.Equal(((26.0 * 25) + (27.0 * 24)) / 49, days.Summarize(0) is { } mean ? mean : double.NaN, precision: 9);
    }

    [Fact]
    public async Task An_unreachable_backend_is_a_connection_error_naming_the_host()
    {
        var closed = LoopbackHttpServer.ClosedPort();
        await using var client = HistoryClient.Create(closed, new SecretTokens());

        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1))));

        Assert.StartsWith($"The history export at {closed.GetLeftPart(UriPartial.Authority)} cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backend_that_does_not_answer_times_out_after_the_request_timeout()
    {
        await using var backend = await BackendAsync();
        backend.Stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new FakeTimeProvider(Midsummer);
        await using var client = HistoryClient.Create(backend, new SecretTokens(), options: KiwigridClientOptions.Default with { TimeProvider = clock, RequestTimeout = TimeSpan.FromSeconds(20) });

        var pending = client.GetHistoryAsync(OneColumn(Midsummer, Midsummer.AddHours(1)));
        await backend.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<KiwigridTimeoutException>(() => pending);
        backend.Stall.TrySetResult();

        Assert.Equal($"The history export at {backend.BaseUri.GetLeftPart(UriPartial.Authority)} did not answer within 20 s.", error.Message);
    }

    [Fact]
    public void A_query_without_a_span_or_with_a_label_that_would_break_the_CSV_is_refused()
    {
        var column = OneColumn(Midsummer, Midsummer.AddHours(1)).Columns[0];

        Assert.Throws<ArgumentException>(() => new HistoryQuery(Midsummer, Midsummer, HistoryResolution.OneHour, column));
        Assert.Throws<ArgumentException>(() => new HistoryQuery(Midsummer, Midsummer.AddHours(1), HistoryResolution.OneHour));
        Assert.Throws<ArgumentException>(() => new HistoryColumn("Grid; purchase", "Wh", HistoryAggregation.Increase, new HistoryDeviceTags(Location, "WorkIn")));
        Assert.Throws<ArgumentException>(() => new HistoryDeviceTags(Location));
    }

    [Fact]
    public void ForServer_sends_the_history_to_the_same_origin()
    {
        var options = KiwigridClientOptions.ForServer(new Uri("http://127.0.0.1:8080/anything"));

        Assert.Equal(new Uri("http://127.0.0.1:8080/"), options.ExportBaseUri);
        Assert.Equal(new Uri("https://solarwatt-exportbackend.kiwigrid.com/"), KiwigridClientOptions.Default.ExportBaseUri);
    }

    private sealed class SynchronousProgress(Action<HistoryProgress> report) : IProgress<HistoryProgress>
    {
        public void Report(HistoryProgress value) => report(value);
    }
}
