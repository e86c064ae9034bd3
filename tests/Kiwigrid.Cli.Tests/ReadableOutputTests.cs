using System.Text.Json;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Testing;
using Spectre.Console.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>
/// What a person reads: tables that fit 80 columns without breaking a guid or a name, numbers without float noise,
/// object values on one line. Against the real Energy Manager dumps served from loopback.
/// </summary>
public sealed class ReadableOutputTests
{
    private const string MyReserve = "urn:solarwatt:myreserve:bc:aaaaaaaaaaaa";

    private static async Task<(CliOutcome Outcome, string[] Lines)> RunLocalAsync(string dump, int width, params string[] args)
    {
        await using var server = await DeviceListServer.StartAsync(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", dump)));
        var run = new CliRun();
        run.Out.Width(width);
        var outcome = await run.RunAsync([.. args, "--local", server.BaseUri.ToString()]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return (outcome, outcome.Out.Split('\n').Select(line => line.TrimEnd('\r')).ToArray());
    }

    private static TagValue Tag(string name, string json) => new(name, JsonDocument.Parse(json).RootElement.Clone());

    private static List<string> Guids(string dump)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Fixture("wizard-devices", dump));
        using var json = JsonDocument.Parse(bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
        return [.. json.RootElement.GetProperty("result").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("guid").GetString()!)];
    }

    public static TheoryData<string, int> DumpsAndWidths() => new()
    {
        { "solarwatt-em-1.json", 80 },
        { "solarwatt-em-2.json", 80 },
        { "solarwatt-em-3.json", 80 },
        { "solarwatt-em-batteryflex.json", 80 },
        { "solarwatt-em-3.json", 60 },
        { "solarwatt-em-2.json", 200 },
    };

    [Theory]
    [MemberData(nameof(DumpsAndWidths))]
    public async Task Devices_keeps_every_guid_whole_on_one_line_within_the_terminal(string dump, int width)
    {
        var (_, lines) = await RunLocalAsync(dump, width, "devices");

        var guids = Guids(dump);
        // Only a guid longer than the terminal may be longer, on a line of its own, which the terminal wraps.
        Assert.All(lines, line => Assert.True(line.Length <= width || guids.Contains(line.Trim()), $"{line.Length} > {width}: {line}"));
        Assert.All(guids, guid => Assert.Contains(lines, line => line.Contains(guid, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Devices_in_a_wide_terminal_is_one_row_per_device_with_its_guid()
    {
        var (_, lines) = await RunLocalAsync("solarwatt-em-2.json", 200, "devices");

        Assert.Contains(lines, line => line.Contains("Stadt", StringComparison.Ordinal) && line.Contains("urn:kiwigrid:location:ERC04-100009999:0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tags_prints_an_object_value_as_one_line_of_compact_json_cut_to_the_terminal()
    {
        var (_, lines) = await RunLocalAsync("solarwatt-em-2.json", 80, "tags", MyReserve);

        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} > 80: {line}"));
        var details = Assert.Single(lines, line => line.Contains("MapInstallationDetails", StringComparison.Ordinal));
        Assert.Contains("{\"", details, StringComparison.Ordinal);
        Assert.Contains("…", details, StringComparison.Ordinal);
        Assert.DoesNotContain("\\/", string.Join('\n', lines), StringComparison.Ordinal);
        // The tag after it follows on the very next line: the object took one row.
        Assert.Matches(@"│ \w+", lines[Array.IndexOf(lines, details) + 1]);
    }

    [Fact]
    public async Task Tags_and_get_round_energy_to_a_tenth_and_export_keeps_the_devices_number()
    {
        var (table, lines) = await RunLocalAsync("solarwatt-em-2.json", 120, "tags", MyReserve);
        var (get, _) = await RunLocalAsync("solarwatt-em-2.json", 120, "get", MyReserve, "WorkACIn");
        var (json, _) = await RunLocalAsync("solarwatt-em-2.json", 120, "tags", MyReserve, "--json");
        var (export, _) = await RunLocalAsync("solarwatt-em-2.json", 120, "export");

        Assert.Contains(lines, line => line.Contains("WorkACIn ", StringComparison.Ordinal) && line.Contains("237686293.2 ", StringComparison.Ordinal));
        Assert.DoesNotContain("237686293.16151318", table.Out, StringComparison.Ordinal);
        Assert.Equal("237686293.2", get.Out.Trim());
        using var tags = JsonDocument.Parse(json.Out);
        Assert.Equal("237686293.2", tags.RootElement.GetProperty("tags").GetProperty("WorkACIn").GetProperty("value").GetRawText());
        Assert.Contains("2.3768629316151318E8", export.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_of_one_device_says_device_not_devices()
    {
        var (outcome, _) = await RunLocalAsync("solarwatt-em-2.json", 80, "watch", "--device", "location", "--count", "1", "--interval", "5");

        Assert.Contains("Watching 1 device every 5 s", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_site_whose_figures_break_the_balance_says_which_and_by_how_much_within_80_columns()
    {
        var (_, lines) = await RunLocalAsync("solarwatt-em-1.json", 80, "status");

        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} > 80: {line}"));
        Assert.Contains(lines, line => line.Contains("These figures do not add up", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Battery discharging is 0 W, but 11 W flow out of the battery (11 W apart).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_emulators_banner_fits_80_columns()
    {
        var cli = new CliRun();
        using var stop = new CancellationTokenSource();
        // With the longest optional part too: an HTTPS Manager and its certificate's fingerprint.
        var running = cli.RunAsync(stop.Token, "emulator", "--urls", "http://127.0.0.1:0", "--manager", "rail", "--manager-https");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!cli.Out.Output.Contains("Press Ctrl+C", StringComparison.Ordinal))
        {
            Assert.False(running.IsCompleted, "the emulator ended early");
            Assert.True(DateTime.UtcNow < deadline, "the emulator did not print its banner");
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(60));

        var lines = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} > 80: {line}"));
        Assert.Contains(lines, line => line.Contains("password demo", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("SOLARWATT Manager rail (--local https://", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.TrimStart().StartsWith("SHA-256", StringComparison.Ordinal));
    }

    [Fact]
    public void A_watch_line_names_the_device_without_its_guid_and_fits_80_columns()
    {
        var battery = new Device("62063a38-9410-423b-96c0-5fc4df8b68a6", ["com.kiwigrid.devices.batteryconverter.BatteryConverter"],
            new Dictionary<string, TagValue>(StringComparer.Ordinal) { ["IdName"] = Tag("IdName", "\"Battery flex e6bb6cd6d994\"") });
        var change = new DeviceChange(DeviceChangeKind.TagChanged, battery, "PowerACIn",
            Tag("PowerACIn", "1520.6345500000002"), Tag("PowerACIn", "1532.0860000000002"));
        var at = new DateTimeOffset(2025, 6, 21, 12, 0, 15, TimeSpan.Zero);

        var line = ChangeOutput.Text(at, change, nameIsAmbiguous: false);
        var twin = ChangeOutput.Text(at, change, nameIsAmbiguous: true);

        Assert.Equal("12:00:15  Battery flex e6bb6cd6d994  PowerACIn  1520.6 → 1532.1 W", line);
        Assert.Contains(battery.Guid, twin, StringComparison.Ordinal);
    }

    [Fact]
    public void A_watch_line_too_wide_for_the_terminal_goes_on_over_lines_broken_between_its_fields()
    {
        // The emulator's Energy Manager: 84 columns in one line, which an 80-column terminal broke as "epoc" / "h ms".
        var manager = new Device("ERC05-000012345", ["com.kiwigrid.devices.em.EnergyManager"],
            new Dictionary<string, TagValue>(StringComparer.Ordinal) { ["IdName"] = Tag("IdName", "\"ERC05-000012345\"") });
        var change = new DeviceChange(DeviceChangeKind.TagChanged, manager, "DateCloudLastSeen",
            Tag("DateCloudLastSeen", "1796293138000"), Tag("DateCloudLastSeen", "1796293438000"));
        var at = new DateTimeOffset(2025, 6, 21, 12, 0, 15, TimeSpan.Zero);

        var piped = ChangeOutput.Text(at, change, nameIsAmbiguous: false);
        var folded = ChangeOutput.Text(at, change, nameIsAmbiguous: false, width: 80).Split('\n');

        Assert.Equal("12:00:15  ERC05-000012345  DateCloudLastSeen  1796293138000 → 1796293438000 epoch ms", piped);
        Assert.Equal(["12:00:15  ERC05-000012345  DateCloudLastSeen  1796293138000 →", "          1796293438000 epoch ms"], folded);
        Assert.Equal(piped, ChangeOutput.Text(at, change, nameIsAmbiguous: false, width: 120));
    }

    [Fact]
    public void A_watch_line_that_adds_a_device_keeps_its_guid_whole_at_80_columns()
    {
        var battery = new Device("62063a38-9410-423b-96c0-5fc4df8b68a6", ["com.kiwigrid.devices.batteryconverter.BatteryConverter"],
            new Dictionary<string, TagValue>(StringComparer.Ordinal) { ["IdName"] = Tag("IdName", "\"Battery flex e6bb6cd6d994\"") });
        var change = new DeviceChange(DeviceChangeKind.DeviceAdded, battery, null, null, null);

        var lines = ChangeOutput.Text(new DateTimeOffset(2025, 6, 21, 12, 0, 15, TimeSpan.Zero), change, nameIsAmbiguous: false, width: 80).Split('\n');

        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} > 80: {line}"));
        Assert.Contains(lines, line => line.Contains("(" + battery.Guid + ")", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_that_matches_several_devices_lists_their_guids_one_a_line_within_80_columns()
    {
        // solarwatt-em-3 has three MyReserve batteries (its kind, as in "1 MyReserve …"); the guids in one line ran past 80 columns, broken mid-guid.
        await using var server = await DeviceListServer.StartAsync(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-3.json")));
        var run = new CliRun();
        run.Error.Width(80);

        var outcome = await run.RunAsync("tags", "MyReserve", "--local", server.BaseUri.ToString());

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal($"The device at {server.BaseUri.AbsoluteUri.TrimEnd('/')} is a classic SOLARWATT Energy Manager.", lines[0]);
        Assert.Equal("kiwigrid: 'MyReserve' matches 3 devices; name one by its guid:", lines[1]);
        Assert.Equal(3, lines.Count(l => l.StartsWith("  aaaaaaaa-bbbb-cccc-dddd-00000000000", StringComparison.Ordinal) && l.Contains(" MyReserve ", StringComparison.Ordinal)));
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} > 80: {l}"));
    }

    [Fact]
    public void A_change_that_vanishes_when_rounded_is_noise()
    {
        var location = new Device("urn:kiwigrid:location:ERC05-000012345:0", ["com.kiwigrid.devices.location.Location"], new Dictionary<string, TagValue>(StringComparer.Ordinal));

        Assert.True(ChangeOutput.IsNoise(new DeviceChange(DeviceChangeKind.TagChanged, location, "WorkProduced",
            Tag("WorkProduced", "3239108.6231833296"), Tag("WorkProduced", "3239108.6300000001"))));
        Assert.False(ChangeOutput.IsNoise(new DeviceChange(DeviceChangeKind.TagChanged, location, "WorkProduced",
            Tag("WorkProduced", "3239108.6231833296"), Tag("WorkProduced", "3239108.7"))));
    }

    [Theory]
    [InlineData("/usr/bin/dotnet", "/src/app/src/Kiwigrid.Cli/bin/Debug/net10.0/kiwigrid.dll", "/src/app", "dotnet run --project src/Kiwigrid.Cli --")]
    [InlineData("/src/app/src/Kiwigrid.Cli/bin/Debug/net10.0/kiwigrid", "/src/app/src/Kiwigrid.Cli/bin/Debug/net10.0/kiwigrid.dll", "/src/app", "dotnet run --project src/Kiwigrid.Cli --")]
    [InlineData("/opt/kiwigrid/kiwigrid", "/opt/kiwigrid/kiwigrid.dll", "/home/ann", "/opt/kiwigrid/kiwigrid")]
    [InlineData("/home/ann/out/kiwigrid", "/home/ann/out/kiwigrid.dll", "/home/ann", "out/kiwigrid")]
    [InlineData("/home/ann/out/kiwigrid", "/home/ann/out/kiwigrid.dll", "/home/ann/out", "./kiwigrid")]
    public void The_demo_hint_runs_the_cli_the_way_it_was_started(string process, string assembly, string directory, string expected)
    {
        var project = Path.Combine(Path.GetTempPath(), "kiwigrid-invocation-" + Guid.NewGuid().ToString("N"));
        string Real(string path) => path.Replace("/src/app", project, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(project, "src", "Kiwigrid.Cli"));
        File.WriteAllText(Path.Combine(project, "src", "Kiwigrid.Cli", "Kiwigrid.Cli.csproj"), "<Project />");
        try
        {
            Assert.Equal(expected, CliInvocation.For(Real(process), Real(assembly), Real(directory), pathVariable: "/usr/bin"));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public void An_installed_tool_on_the_path_is_called_by_its_name()
    {
        var tools = Path.Combine(Path.GetTempPath(), "kiwigrid-tools-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tools);
        File.WriteAllText(Path.Combine(tools, "kiwigrid"), string.Empty);
        try
        {
            Assert.Equal("kiwigrid", CliInvocation.For(Path.Combine(tools, "kiwigrid"), Path.Combine(tools, "kiwigrid.dll"), "/home/ann", "/usr/bin" + Path.PathSeparator + tools));
        }
        finally
        {
            Directory.Delete(tools, recursive: true);
        }
    }
}
