using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Tests.Support;
using Kiwigrid.Testing;

namespace Kiwigrid.Emulator.Tests.Bus;

public sealed class SockJsTransportTests
{
    [Fact]
    public async Task Greeting_and_info_answer_like_sockjs()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);

        Assert.Equal("Welcome to SockJS!\n", await http.GetStringAsync("/kiwibus"));
        using var info = await http.GetAsync("/kiwibus/info");
        var body = JsonNode.Parse(await info.Content.ReadAsStringAsync())!;
        Assert.True(body["websocket"]!.GetValue<bool>());
        Assert.False(body["cookie_needed"]!.GetValue<bool>());
        Assert.Equal("*:*", body["origins"]![0]!.GetValue<string>());
        Assert.True(body["entropy"]!.GetValue<uint>() >= 0);
        Assert.Contains("no-cache", info.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The sockjs-protocol test suite compares these headers as strings; sockjs-node (and Vert.x) send exactly these,
    /// so the emulator must too, byte for byte.
    /// </summary>
    [Theory]
    [InlineData("", null)]
    [InlineData("/", null)]
    [InlineData("/info", null)]
    [InlineData("/info", "https://portal.example")]
    public async Task Greeting_and_info_headers_are_those_of_sockjs_node_byte_for_byte(string path, string? origin)
    {
        await using var emulator = await EmulatorRun.StartAsync();
        await using var peer = await NodePeer.StartAsync("sockjs-bridge.js", []);
        using var http = new HttpClient();

        var ours = await HeadersAsync(http, new Uri(emulator.BaseUri, "/kiwibus" + path), origin);
        var theirs = await HeadersAsync(http, new Uri($"http://127.0.0.1:{peer.Port}/vertx2{path}"), origin);

        foreach (var header in new[] { "Content-Type", "Cache-Control", "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Vary" })
        {
            Assert.Equal((header, theirs.GetValueOrDefault(header)), (header, ours.GetValueOrDefault(header)));
        }

        Assert.Equal(path.StartsWith("/info", StringComparison.Ordinal) ? "application/json; charset=UTF-8" : "text/plain; charset=UTF-8", ours["Content-Type"]);
    }

    /// <summary>The response's headers as sent, unparsed (HttpClient would normalise a parsed Content-Type).</summary>
    private static async Task<Dictionary<string, string>> HeadersAsync(HttpClient http, Uri uri, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/kiwibus/1.2/1/websocket")]
    [InlineData("/kiwibus/1/a.b/websocket")]
    public async Task Session_paths_with_a_dot_are_404(string path)
    {
        await using var emulator = await EmulatorRun.StartAsync();
        using var http = EmulatorRun.HttpClient(emulator);

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Heartbeats_come_every_interval()
    {
        var clock = EmulatorRun.FakeClock();
        await using var emulator = await EmulatorRun.StartAsync(o => o with { PingTimeout = TimeSpan.FromHours(1) }, clock);
        await using var bus = await RawBus.ConnectAsync(emulator, "/kiwibus/123/abcdefgh/websocket");

        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal("h", await bus.ReceiveAsync());
        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal("h", await bus.ReceiveAsync());
    }

    [Fact]
    public async Task No_ping_within_the_timeout_ends_the_session_with_go_away()
    {
        var clock = EmulatorRun.FakeClock();
        await using var emulator = await EmulatorRun.StartAsync(o => o with { HeartbeatInterval = TimeSpan.FromHours(1) }, clock);
        await using var bus = await RawBus.ConnectAsync(emulator);

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("c[3000,\"Go away!\"]", await bus.ReceiveAsync());
        Assert.Null(await bus.ReceiveAsync());
    }

    [Fact]
    public async Task Pings_keep_the_session_alive()
    {
        var clock = EmulatorRun.FakeClock();
        await using var emulator = await EmulatorRun.StartAsync(o => o with { HeartbeatInterval = TimeSpan.FromHours(1) }, clock);
        await using var bus = await RawBus.ConnectAsync(emulator);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(8));
            await bus.SendFrameAsync("[\"{\\\"type\\\":\\\"ping\\\"}\"]");
            // A request after the ping proves the server has handled the ping before the clock moves on.
            var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(null, "getDevices"));
            Assert.Equal(401, reply["code"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Broken_json_ends_the_connection()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendFrameAsync("[\"{\\\"type\\\":\\\"ping\\\"}\"");

        Assert.Null(await bus.ReceiveAsync());
        Assert.Equal((WebSocketCloseStatus)3000, bus.CloseStatus);
    }

    [Fact]
    public async Task An_oversized_message_ends_the_connection()
    {
        await using var emulator = await EmulatorRun.StartAsync(o => o with { MaxIncomingMessageBytes = 1024 });
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendFrameAsync("[\"" + new string('x', 4096) + "\"]");

        Assert.Null(await bus.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, bus.CloseStatus);
    }

    [Fact]
    public async Task Empty_frames_are_ignored()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendFrameAsync(string.Empty);
        await bus.SendFrameAsync("[]");
        var reply = await bus.RequestAsync("deviceservice", RawBus.ServiceBody(null, "getDevices"));

        Assert.Equal(401, reply["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Non_ascii_is_escaped_in_frames_and_survives_decoding()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        var name = "Line\u2028Sep \U0001F600 ünit";
        emulator.Site.Devices.Set(TestSite.Battery, "IdName", name, DateTimeOffset.UtcNow);
        var token = await RawLogin.AccessTokenAsync(emulator);
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendRequestAsync("deviceservice", "r1", RawBus.ServiceBody(token, "getDevices", new JsonObject
        {
            ["filter"] = new JsonObject { ["guid"] = TestSite.Battery },
            ["projection"] = new JsonObject { ["tagValues"] = new JsonObject { ["IdName"] = 1 } },
        }));
        var frame = await bus.ReceiveAsync();

        Assert.NotNull(frame);
        // Vert.x style: printable ASCII only on the wire, so U+2028 and the emoji's surrogates travel as \uXXXX.
        Assert.All(frame, c => Assert.InRange(c, ' ', '~'));
        var message = JsonNode.Parse(JsonNode.Parse(frame[1..])![0]!.GetValue<string>())!;
        Assert.Equal(name, message["body"]!["result"]!["items"]![0]!["tagValues"]!["IdName"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Published_messages_reach_registered_clients()
    {
        await using var emulator = await EmulatorRun.StartAsync();
        await using var listener = await RawBus.ConnectAsync(emulator);
        await using var publisher = await RawBus.ConnectAsync(emulator);

        await listener.SendMessageAsync(new JsonObject { ["type"] = "register", ["address"] = "events", ["headers"] = new JsonObject() });
        // The reply to a request on the same socket proves the registration was handled.
        await listener.RequestAsync("deviceservice", RawBus.ServiceBody(null, "getDevices"));
        await publisher.SendMessageAsync(new JsonObject { ["type"] = "publish", ["address"] = "events", ["body"] = new JsonObject { ["event"] = "tick" } });

        var message = await listener.ReceiveMessageAsync();
        Assert.Equal("events", message["address"]!.GetValue<string>());
        Assert.Equal("tick", message["body"]!["event"]!.GetValue<string>());
    }
}
