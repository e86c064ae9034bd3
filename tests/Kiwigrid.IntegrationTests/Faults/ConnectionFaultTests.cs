using System.Diagnostics;
using System.Text;

using Kiwigrid.Client;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>
/// client ⇄ <see cref="FaultProxy"/> ⇄ emulator: each fault ends in a clear Kiwigrid error, promptly, or in no error
/// at all; never in a hang or another exception type.
/// </summary>
public sealed class ConnectionFaultTests
{
    [Fact]
    public async Task A_connection_cut_mid_request_fails_the_request_promptly()
    {
        await using var run = await FaultRun.StartAsync();
        await using var client = await run.ConnectAsync();

        run.Proxy.CutOnNextClientBytes();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"The loss was reported after {clock.Elapsed}, not promptly.");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task A_silent_server_is_detected_within_the_silence_timeout()
    {
        // Heartbeats every 200 ms keep a healthy connection well inside the client's 1 s silence limit.
        await using var run = await FaultRun.StartAsync(options => options with { HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var options = run.ClientOptions with { ServerSilenceTimeout = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromSeconds(5) };
        await using var client = await run.ConnectAsync(options);
        await client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);

        run.Proxy.Hold();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        Assert.Contains("No data from the server for 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_and_requests_work_with_every_byte_in_its_own_segment()
    {
        await using var run = await FaultRun.StartAsync();
        run.Proxy.ByteByByte = true;

        await using var client = await run.ConnectAsync();
        var user = await client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);
        var devices = await client.GetDevicesAsync().WaitAsync(FaultRun.Bound);

        Assert.Contains(run.Emulator.UserName, user.GetRawText(), StringComparison.Ordinal);
        Assert.NotEmpty(devices);
    }

    [Theory]
    [InlineData("x{not a sockjs frame")]
    [InlineData("a[\"{\\\"type\\\":\\\"\\\\ud800\\\"}\"]")]
    [InlineData("c[3000,\"\\udc00\"]")]
    public async Task A_garbage_sockjs_frame_ends_the_connection_with_a_protocol_error(string garbage)
    {
        await using var run = await FaultRun.StartAsync();
        await using var client = await run.ConnectAsync();
        await client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);

        await run.Proxy.InjectIntoBusAsync(WebSocketFrames.Text(Encoding.UTF8.GetBytes(garbage)));
        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => RequestUntilFailureAsync(client));

        Assert.IsType<KiwigridProtocolException>(error.InnerException);
    }

    [Fact]
    public async Task Garbage_bytes_that_break_the_websocket_framing_end_the_connection_with_a_connection_error()
    {
        await using var run = await FaultRun.StartAsync();
        await using var client = await run.ConnectAsync();
        await client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);

        // Reserved bits set and an unknown opcode: no WebSocket frame at all.
        await run.Proxy.InjectIntoBusAsync([0x7f, 0xff, 0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef]);

        await Assert.ThrowsAsync<KiwigridConnectionException>(() => RequestUntilFailureAsync(client));
    }

    [Fact]
    public async Task An_oversized_frame_is_rejected_with_a_clear_error()
    {
        await using var run = await FaultRun.StartAsync();
        await using var client = await run.ConnectAsync(run.ClientOptions with { MaxMessageBytes = 64 * 1024 });
        await client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);

        var huge = "a[\"" + new string('x', 200 * 1024) + "\"]";
        await run.Proxy.InjectIntoBusAsync(WebSocketFrames.Text(Encoding.UTF8.GetBytes(huge)));
        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => RequestUntilFailureAsync(client));

        var cause = Assert.IsType<KiwigridProtocolException>(error.InnerException);
        Assert.Contains("larger than the limit of 65536 bytes", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_step_that_does_not_answer_in_time_is_a_timeout_naming_the_step()
    {
        await using var run = await FaultRun.StartAsync();
        run.Proxy.Hold();
        var options = run.ClientOptions with { RequestTimeout = TimeSpan.FromMilliseconds(500) };

        var error = await Assert.ThrowsAsync<KiwigridTimeoutException>(() => run.ConnectAsync(options));

        Assert.StartsWith("Login step 1 (login)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Emulator.Password, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Requests until one fails. The injected bytes travel on their own: a request sent before the client has read
    /// them may still be answered, the one after cannot be.
    /// </summary>
    private static async Task RequestUntilFailureAsync(KiwigridClient client)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await client.GetCurrentUserAsync().WaitAsync(FaultRun.Bound);
        }

        Assert.Fail("Three requests succeeded after the fault.");
    }
}
