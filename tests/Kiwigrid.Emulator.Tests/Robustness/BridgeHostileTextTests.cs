using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Robustness;

/// <summary>Messages the fuzzers found to break the bridge: now refused with a bridge error, the connection kept.</summary>
public sealed class BridgeHostileTextTests
{
    [Theory]
    [InlineData("[\"{\\\"type\\\":\\\"\\\\ud800\\\"}\"]")]
    [InlineData("[\"{\\\"type\\\":\\\"send\\\",\\\"address\\\":\\\"\\\\udc00\\\"}\"]")]
    [InlineData("[\"{\\\"type\\\":\\\"send\\\",\\\"type\\\":\\\"publish\\\",\\\"address\\\":\\\"x\\\"}\"]")]
    public async Task A_message_with_a_lone_surrogate_or_a_repeated_key_is_refused_and_the_connection_stays_open(string frame)
    {
        await using var emulator = await EmulatorRun.StartAsync(options => options with { Dialect = EventBusDialect.VertX3 });
        await using var bus = await RawBus.ConnectAsync(emulator);

        await bus.SendFrameAsync(frame);
        Assert.Contains("invalid_json", await bus.ReceiveAsync(), StringComparison.Ordinal);

        // Still served: a second broken message gets its own answer instead of a dropped socket.
        await bus.SendFrameAsync("[\"not json\"]");
        Assert.Contains("invalid_json", await bus.ReceiveAsync(), StringComparison.Ordinal);
    }
}
