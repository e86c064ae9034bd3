using Kiwigrid.Hosting.Classic;

namespace Kiwigrid.Cli.Tests.Serve.Configuration;

/// <summary>serve started from a config file on the emulated home behaves as serve started with the same flags.</summary>
public sealed class ServeFromConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Serve_with_only_a_config_file_for_its_connection_answers_the_api_and_the_classic_api()
    {
        // ServedHome adds --interval and --urls of its own: flags beside a config, as a service's override would be.
        await using var served = await ServedHome.StartAsync(server =>
        {
            var config = _folder.Write("kiwigrid.json", $$"""{ "cloud": "legacy", "server": "{{server}}", "classicApi": true }""");
            return ["--config", config];
        });
        await served.WaitForFirstSnapshotAsync();

        var flow = await served.GetJsonAsync("api/energy-flow");
        using var classic = await served.Http.GetAsync(ClassicApiEndpoints.DeviceListPath.TrimStart('/'));

        OutputSchema.AssertValid("energyFlow", flow);
        // Midsummer, 10:00: the simulated panels produce.
        Assert.True(flow.GetProperty("pvPowerW").GetDouble() > 0, flow.ToString());
        Assert.True(classic.IsSuccessStatusCode, $"{ClassicApiEndpoints.DeviceListPath}: {(int)classic.StatusCode}");
    }
}
