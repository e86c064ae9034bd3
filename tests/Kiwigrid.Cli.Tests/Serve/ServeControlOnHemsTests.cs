using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kiwigrid.Cli.Serve;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// <c>serve --allow-control</c> on today's SOLARWATT cloud, end to end against the emulator: the settings its HEMS API
/// lists, a change through the API read back from it, and the dashboard's stream showing the new state.
/// </summary>
public sealed class ServeControlOnHemsTests : IDisposable
{
    private const string Token = "0123456789abcdef-kitchen";
    private readonly string _stateDir = Directory.CreateTempSubdirectory("kiwigrid-serve-state-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task A_change_through_the_api_is_read_back_from_the_cloud_and_the_dashboard_shows_it()
    {
        await using var served = await StartAsync("--allow-control");
        await served.WaitForFirstSnapshotAsync();
        var station = await StationModeAsync(served);
        var target = station.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).First(v => v != station.GetProperty("value").GetString());
        var deviceId = station.GetProperty("deviceId").GetString()!;

        using var response = await served.Http.PostAsync(
            $"api/settings/{Uri.EscapeDataString(deviceId)}/optimization_mode",
            new StringContent($$"""{"value":"{{target.ToLowerInvariant()}}"}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        OutputSchema.AssertValid("settingChange", body);
        var change = JsonDocument.Parse(body).RootElement;
        Assert.Equal(target, change.GetProperty("after").GetString());
        Assert.True(change.GetProperty("seenInReadBack").GetBoolean());
        Assert.Equal(target, (await StationModeAsync(served)).GetProperty("value").GetString());
        var hello = await served.HelloAsync();
        OutputSchema.AssertValid("settingsEvent", hello.GetProperty("settings"));
        Assert.True(hello.GetProperty("settings").GetProperty("controlAllowed").GetBoolean());
        Assert.Equal(target, hello.GetProperty("settings").GetProperty("settings").EnumerateArray()
            .Single(s => s.GetProperty("deviceId").GetString() == deviceId && s.GetProperty("setting").GetString() == "optimization_mode")
            .GetProperty("value").GetString());

        // The change is logged as one plain line on stderr, as serve's other notes are (no level, no .NET category).
        var logged = Assert.Single(served.Error.Split('\n'), l => l.Contains(" changed optimization_mode of ", StringComparison.Ordinal)).TrimEnd();
        Assert.StartsWith("kitchen changed optimization_mode of ", logged, StringComparison.Ordinal);
        Assert.EndsWith($" → {target}.", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_allow_control_the_settings_are_shown_and_a_change_is_refused_with_403()
    {
        await using var served = await StartAsync();
        await served.WaitForFirstSnapshotAsync();
        var station = await StationModeAsync(served);

        using var response = await served.Http.PostAsync(
            $"api/settings/{Uri.EscapeDataString(station.GetProperty("deviceId").GetString()!)}/optimization_mode",
            new StringContent("""{"value":"PV optimized"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("--allow-control", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<ServedHome> StartAsync(params string[] extraArgs)
    {
        var served = await ServedHome.StartAsync(
            server => ["--server", server, "--state-dir", _stateDir],
            new Dictionary<string, string> { [ServeAccess.TokenVariable] = "kitchen:" + Token },
            extraArgs);
        served.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return served;
    }

    /// <summary>The first device's optimisation mode, as <c>GET /api/settings</c> lists it.</summary>
    private static async Task<JsonElement> StationModeAsync(ServedHome served)
    {
        var settings = await served.GetJsonAsync("api/settings");
        OutputSchema.AssertValid("settings", settings);
        return settings.EnumerateArray().First(s => s.GetProperty("setting").GetString() == "optimization_mode" && s.GetProperty("allowedValues").GetArrayLength() > 1);
    }
}
