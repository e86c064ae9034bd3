using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Testing;

namespace Kiwigrid.Hosting.Tests;

/// <summary>
/// samples/Kiwigrid.Sample.Dashboard, the worker a .NET developer would write (seven lines of Program.cs), run as its
/// own process with its settings from the environment, reading the emulator's 2018 cloud.
/// </summary>
public sealed partial class SampleHostTests
{
    [Fact]
    public async Task The_sample_serves_the_dashboard_and_the_api_from_its_configuration_alone()
    {
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatorOptions.Default);
        using var sample = StartSample(new Dictionary<string, string>
        {
            ["Kiwigrid__Source__Kind"] = "Legacy",
            ["Kiwigrid__Source__Url"] = emulator.BaseUri.ToString(),
            ["Kiwigrid__Source__UserName"] = emulator.UserName,
            ["Kiwigrid__Source__Password"] = emulator.Password,
            ["Kiwigrid__Source__PasswordFile"] = "",
            ["Kiwigrid__Interval"] = "00:00:05",
        });

        try
        {
            var address = await ListeningAddressAsync(sample);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
            var flow = await WaitForJsonAsync(http, "api/energy-flow");
            Assert.True(flow.GetProperty("pvPowerW").GetDouble() >= 0, flow.ToString());
            Assert.Equal(JsonValueKind.Object, flow.GetProperty("battery").ValueKind);
            Assert.Contains("<html", await http.GetStringAsync(""), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("kiwigrid_house_power_watts", await http.GetStringAsync("metrics"), StringComparison.Ordinal);
        }
        finally
        {
            sample.Kill(entireProcessTree: true);
            await sample.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_sample_stops_at_once_naming_a_missing_login_in_one_line()
    {
        using var sample = StartSample(new Dictionary<string, string>
        {
            ["Kiwigrid__Source__Kind"] = "Cloud",
            ["Kiwigrid__Source__UserName"] = "",
            ["Kiwigrid__Source__PasswordFile"] = "",
        });

        var output = sample.StandardOutput.ReadToEndAsync();
        var errors = sample.StandardError.ReadToEndAsync();
        Assert.True(sample.WaitForExit(TimeSpan.FromSeconds(60)), "the sample kept running without a login");
        Assert.Equal(2, sample.ExitCode);
        var said = await output + await errors;
        Assert.Contains("Kiwigrid:Source:UserName must be the portal login", said, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", said, StringComparison.Ordinal);
    }

    private static Process StartSample(Dictionary<string, string> environment)
    {
        // bin/<Configuration>/net10.0 of the tests, the same of the sample.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "samples", "Kiwigrid.Sample.Dashboard", "bin", configuration, "net10.0", "Kiwigrid.Sample.Dashboard.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task<Uri> ListeningAddressAsync(Process sample)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await sample.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups["url"].Value + "/");
            }
        }

        throw new InvalidOperationException("The sample ended without listening: " + await sample.StandardError.ReadToEndAsync());
    }

    private static async Task<JsonElement> WaitForJsonAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} still answers {(int)response.StatusCode} after 30 s");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningOn();
}
