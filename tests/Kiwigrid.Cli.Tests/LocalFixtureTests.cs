using System.Globalization;
using System.Text.Json;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary><c>--local</c> against real Energy Manager dumps served from loopback.</summary>
public sealed class LocalFixtureTests
{
    public static TheoryData<string> Dumps() => new(Directory.GetFiles(RepoPaths.Fixture("wizard-devices"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Dumps))]
    public async Task Devices_status_tags_and_get_read_a_real_dump(string file)
    {
        var bytes = await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", file));
        using var dump = JsonDocument.Parse(bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
        var items = dump.RootElement.GetProperty("result").GetProperty("items").EnumerateArray().ToList();
        await using var server = await DeviceListServer.StartAsync(bytes);
        var local = server.BaseUri.ToString();

        var devices = await new CliRun().RunAsync("devices", "--local", local, "--json");
        var status = await new CliRun().RunAsync("status", "--local", local);

        Assert.True(devices.ExitCode == 0, devices.ToString());
        using var listed = JsonDocument.Parse(devices.Out);
        Assert.Equal(
            items.Select(i => i.GetProperty("guid").GetString()).Order(StringComparer.Ordinal),
            listed.RootElement.EnumerateArray().Select(d => d.GetProperty("guid").GetString()).Order(StringComparer.Ordinal));
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("produced", status.Out, StringComparison.Ordinal);

        var location = items.First(i => i.GetProperty("deviceModel").EnumerateArray().Any(m => m.GetProperty("deviceClass").GetString() == "com.kiwigrid.devices.location.Location"));
        var guid = location.GetProperty("guid").GetString()!;
        var produced = location.GetProperty("tagValues").GetProperty("PowerProduced").GetProperty("value");
        var get = await new CliRun().RunAsync("get", guid, "PowerProduced", "--local", local);
        var tags = await new CliRun().RunAsync("tags", guid, "--local", local, "--json");

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal(Math.Round(produced.GetDouble(), 1, MidpointRounding.AwayFromZero), double.Parse(get.Out.Trim(), CultureInfo.InvariantCulture));
        using var tagJson = JsonDocument.Parse(tags.Out);
        Assert.Equal(
            location.GetProperty("tagValues").EnumerateObject().Count(),
            tagJson.RootElement.GetProperty("tags").EnumerateObject().Count());
    }

    [Fact]
    public async Task A_classic_energy_manager_costs_one_probe_and_then_one_request_per_read()
    {
        await using var server = await DeviceListServer.StartAsync(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-1.json")));

        var outcome = await new CliRun().RunAsync("status", "--local", server.BaseUri.ToString());

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(2, server.Requests);
        Assert.Equal($"The device at {server.BaseUri.AbsoluteUri.TrimEnd('/')} is a classic SOLARWATT Energy Manager.", outcome.Error.Trim());
    }

    [Fact]
    public async Task An_energy_manager_answering_garbage_is_a_protocol_error_exit_5()
    {
        await using var server = await DeviceListServer.StartAsync("<html>not json</html>"u8.ToArray());

        var outcome = await new CliRun().RunAsync("devices", "--local", server.BaseUri.ToString());

        Assert.Equal(5, outcome.ExitCode);
        Assert.StartsWith("kiwigrid: ", outcome.Error, StringComparison.Ordinal);
    }
}
