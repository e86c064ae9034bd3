using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// <c>/api/settings</c> of serve: what can be set, and with <c>--allow-control</c> a change answered with the site's
/// read-back, against the real server on loopback with a site whose settings change.
/// </summary>
public sealed class SettingsApiTests
{
    private const string Station = ControllableSite.Station;
    private const string Mode = ControllableSite.Mode;

    [Fact]
    public async Task Settings_list_each_setting_with_its_kind_value_and_what_it_takes()
    {
        await using var server = await ControlledServer.StartAsync();

        using var response = await server.GetAsync("api/settings");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        OutputSchema.AssertValid("settings", body);
        var settings = JsonDocument.Parse(body).RootElement;
        var mode = settings.EnumerateArray().Single(s => s.GetProperty("setting").GetString() == Mode);
        Assert.Equal("choice", mode.GetProperty("kind").GetString());
        Assert.Equal("PV optimized", mode.GetProperty("value").GetString());
        Assert.Equal(["Not optimized", "PV optimized", "Departure time"], mode.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        var reserve = settings.EnumerateArray().Single(s => s.GetProperty("setting").GetString() == ControllableSite.Reserve);
        Assert.Equal("number", reserve.GetProperty("kind").GetString());
        Assert.Equal(100, reserve.GetProperty("maximum").GetDouble());
        Assert.Equal("%", reserve.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task A_change_answers_with_the_read_back_and_the_settings_show_it_afterwards()
    {
        await using var server = await ControlledServer.StartAsync();

        using var response = await server.PostAsync(Station, Mode, "\"not optimized\"");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        OutputSchema.AssertValid("settingChange", body);
        var change = JsonDocument.Parse(body).RootElement;
        Assert.Equal("PV optimized", change.GetProperty("before").GetString());
        Assert.Equal("Not optimized", change.GetProperty("requested").GetString());
        Assert.Equal("Not optimized", change.GetProperty("after").GetString());
        Assert.True(change.GetProperty("seenInReadBack").GetBoolean());
        // Sent in the site's own spelling, once.
        Assert.Equal([(Station, Mode, "Not optimized")], server.Site.Changes);
        var settings = await server.Http.GetFromJsonAsync<JsonElement>($"api/settings?token={ControlledServer.KitchenToken}");
        Assert.Equal("Not optimized", settings.EnumerateArray().Single(s => s.GetProperty("setting").GetString() == Mode).GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_number_is_taken_as_json_number_or_text_and_a_read_back_that_lags_says_so()
    {
        await using var server = await ControlledServer.StartAsync();

        using (var asNumber = await server.PostAsync(ControllableSite.Battery, ControllableSite.Reserve, "35"))
        {
            Assert.Equal(HttpStatusCode.OK, asNumber.StatusCode);
        }

        server.Site.NextChange = ChangeFault.ReadBackLags;
        using var lagging = await server.PostAsync(ControllableSite.Battery, ControllableSite.Reserve, "\"40\"");
        var change = await lagging.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, lagging.StatusCode);
        Assert.False(change.GetProperty("seenInReadBack").GetBoolean());
        Assert.Equal("40", change.GetProperty("requested").GetString());
        Assert.Equal("35", change.GetProperty("after").GetString());
        Assert.Equal(["35", "40"], server.Site.Changes.Select(c => c.Value));
        Assert.Contains(server.Logs.Lines, l => l.Contains("35 → 35 (not yet seen in the read-back)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_does_not_wait_for_a_settings_reading_the_site_does_not_answer()
    {
        await using var server = await ControlledServer.StartAsync();
        server.Site.ReadsHang = true;
        server.Site.NextChange = ChangeFault.ConnectionLostBeforeReadBack;

        // A change that fails has the settings read again in the background (it may have been made); that reading hangs.
        using (await server.PostAsync(ControllableSite.Station, ControllableSite.Switch, "\"off\""))
        {
        }

        // Serve stops at once (Ctrl+C), not after the 30 s read timeout.
        await server.Control.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Each_change_is_logged_in_one_line_with_the_tokens_name_and_never_the_token()
    {
        await using var server = await ControlledServer.StartAsync();

        using (await server.PostAsync(Station, ControllableSite.Switch, "\"off\"", ControlledServer.PhoneToken))
        {
        }

        var line = Assert.Single(server.Logs.Lines, l => l.Contains("changed", StringComparison.Ordinal));
        Assert.Contains($"phone changed switch_state of {ControllableSite.StationName} ({Station}): ON → OFF", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line.TrimEnd());
        foreach (var logged in server.Logs.Lines)
        {
            Assert.DoesNotContain(ControlledServer.PhoneToken, logged, StringComparison.Ordinal);
            Assert.DoesNotContain(ControlledServer.KitchenToken, logged, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_allow_control_a_change_is_403_saying_how_to_allow_it_and_the_settings_are_still_shown()
    {
        await using var server = await ControlledServer.StartAsync(allowControl: false);

        using var response = await server.PostAsync(Station, Mode, "\"Not optimized\"");
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var list = await server.GetAsync("api/settings");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("--allow-control", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Site.Changes);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_or_with_a_wrong_one_a_change_is_401_and_nothing_is_sent()
    {
        await using var server = await ControlledServer.StartAsync();

        using var none = await server.PostAsync(Station, Mode, "\"Not optimized\"", token: null);
        using var wrong = await server.PostAsync(Station, Mode, "\"Not optimized\"", token: "not-the-token-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(server.Site.Changes);
    }

    [Fact]
    public async Task A_value_the_setting_does_not_take_is_400_naming_what_it_takes_and_nothing_is_sent()
    {
        await using var server = await ControlledServer.StartAsync();

        using var choice = await server.PostAsync(Station, Mode, "\"Turbo\"");
        using var number = await server.PostAsync(ControllableSite.Battery, ControllableSite.Reserve, "120");
        using var notJson = await server.PostAsync(Station, Mode, "Turbo");

        Assert.Equal(HttpStatusCode.BadRequest, choice.StatusCode);
        Assert.Equal(
            "optimization_mode takes Not optimized, PV optimized, Departure time; 'Turbo' is not one of them.",
            (await choice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.Contains("from 0 to 100 %", (await number.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Empty(server.Site.Changes);
        Assert.Contains(server.Logs.Lines, l => l.EndsWith("kitchen could not change optimization_mode of ev-station-1 to 'Turbo': optimization_mode takes Not optimized, PV optimized, Departure time; 'Turbo' is not one of them. ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_device_or_setting_is_404()
    {
        await using var server = await ControlledServer.StartAsync();

        using var device = await server.PostAsync("no-such-device", Mode, "\"Not optimized\"");
        using var setting = await server.PostAsync(Station, "colour", "\"green\"");

        Assert.Equal(HttpStatusCode.NotFound, device.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, setting.StatusCode);
        Assert.Contains("GET /api/settings", (await setting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_the_site_refuses_is_400_with_the_sites_reason()
    {
        await using var server = await ControlledServer.StartAsync();
        server.Site.NextChange = ChangeFault.Refused;

        using var response = await server.PostAsync(Station, Mode, "\"Not optimized\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The HEMS API refused the change: the device is in manual mode.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Contains(server.Logs.Lines, l => l.Contains("kitchen could not change optimization_mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_lost_between_write_and_read_back_is_502_saying_the_change_may_be_made_and_the_settings_then_show_it()
    {
        await using var server = await ControlledServer.StartAsync();
        using var events = await server.GetAsync("api/events");
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        var (_, hello) = await ServedHome.ReadEventAsync(reader);
        Assert.True(hello.GetProperty("settings").GetProperty("controlAllowed").GetBoolean());
        server.Site.NextChange = ChangeFault.ConnectionLostBeforeReadBack;

        using var response = await server.PostAsync(Station, Mode, "\"Departure time\"");
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(
            "The site failed during the change and it may have been made (The connection to the site was lost); read the settings again before retrying.",
            error.GetProperty("message").GetString());
        // Serve reads the settings again by itself, and the dashboard is told what the site holds now.
        while (true)
        {
            var (name, data) = await ServedHome.ReadEventAsync(reader);
            if (name == "settings" && ModeIn(data) == "Departure time")
            {
                break;
            }
        }
    }

    [Fact]
    public async Task A_site_that_cannot_be_read_is_502_and_a_change_that_needs_a_reading_first_sends_nothing()
    {
        await using var server = await ControlledServer.StartAsync();
        server.Site.ReadsFail = true;

        using var list = await server.GetAsync("api/settings");
        // A setting the last reading does not have is looked for in a new one, which fails.
        using var change = await server.PostAsync(Station, "heating_mode", "\"eco\"");

        Assert.Equal(HttpStatusCode.BadGateway, list.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, change.StatusCode);
        Assert.Equal(
            "Reading the site's settings failed (The connection to the site was lost); try again later.",
            (await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Empty(server.Site.Changes);
    }

    [Fact]
    public async Task A_change_the_site_does_not_answer_is_504()
    {
        await using var server = await ControlledServer.StartAsync(changeTimeout: TimeSpan.FromMilliseconds(300));
        server.Site.NextChange = ChangeFault.NoAnswer;

        using var response = await server.PostAsync(Station, Mode, "\"Not optimized\"");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("may still happen", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_is_sent_the_new_state_after_a_change()
    {
        await using var server = await ControlledServer.StartAsync();
        using var events = await server.GetAsync("api/events");
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        var (_, hello) = await ServedHome.ReadEventAsync(reader);

        using (await server.PostAsync(Station, Mode, "\"Departure time\""))
        {
        }

        Assert.Equal("PV optimized", ModeIn(hello.GetProperty("settings")));
        var (name, data) = await ServedHome.ReadEventAsync(reader);
        while (name != "settings" || ModeIn(data) == "PV optimized")
        {
            (name, data) = await ServedHome.ReadEventAsync(reader);
        }

        Assert.Equal("Departure time", ModeIn(data));
        OutputSchema.AssertValid("settingsEvent", data);
    }

    [Fact]
    public async Task A_page_of_another_website_may_not_change_settings_even_an_allowed_one()
    {
        const string Website = "https://example.org";
        await using var server = await ControlledServer.StartAsync(allowOrigins: Website);

        using var crossOrigin = await server.PostAsync(Station, Mode, "\"Not optimized\"", origin: Website);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"api/settings/{Station}/{Mode}");
        preflight.Headers.Add("Origin", Website);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var preflightAnswer = await server.Http.SendAsync(preflight);
        using var sameOrigin = await server.PostAsync(Station, Mode, "\"Not optimized\"", origin: server.Url.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, crossOrigin.StatusCode);
        Assert.False(preflightAnswer.Headers.Contains("Access-Control-Allow-Origin"), "a browser must not send the POST at all");
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
        Assert.Equal([(Station, Mode, "Not optimized")], server.Site.Changes);
    }

    private static string? ModeIn(JsonElement settingsEvent) =>
        settingsEvent.GetProperty("settings").EnumerateArray()
            .Single(s => s.GetProperty("deviceId").GetString() == Station && s.GetProperty("setting").GetString() == Mode)
            .GetProperty("value").GetString();
}
