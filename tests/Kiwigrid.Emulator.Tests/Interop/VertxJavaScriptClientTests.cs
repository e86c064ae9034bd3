using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Tests.Support;
using Kiwigrid.Testing;

namespace Kiwigrid.Emulator.Tests.Interop;

/// <summary>
/// The official Vert.x JavaScript event-bus client (vertx3-eventbus-client over sockjs-client) reads the devices.
/// That client treats any message without <c>"type":"err"</c> as a reply, so it works with both dialects; both run.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Node)]
public sealed class VertxJavaScriptClientTests
{
    [Theory]
    [InlineData(EventBusDialect.VertX2)]
    [InlineData(EventBusDialect.VertX3)]
    public async Task The_official_client_logs_in_and_reads_the_devices(EventBusDialect dialect)
    {
        await using var emulator = await EmulatorRun.StartAsync(o => o with { Dialect = dialect });
        await using var peer = await NodePeer.StartAsync(
            "vertx-client-read.js", [emulator.BaseUri.ToString(), emulator.UserName, emulator.Password], waitForPort: false);

        var exitCode = await peer.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, "node peer failed:\n" + peer.Output);
        var line = peer.Output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        var result = JsonNode.Parse(line["RESULT ".Length..])!;
        Assert.Equal(dialect == EventBusDialect.VertX3 ? "rec" : null, result["type"]?.GetValue<string>());
        Assert.Equal("ok", result["body"]!["status"]!.GetValue<string>());
        var guids = result["body"]!["result"]!["items"]!.AsArray().Select(i => i!["guid"]!.GetValue<string>());
        Assert.Equal(emulator.Site.Devices.Guids(), guids);
    }
}
