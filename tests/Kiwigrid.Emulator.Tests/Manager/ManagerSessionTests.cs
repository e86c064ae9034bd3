using System.Net;

using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>A session ends 15 minutes after its login; then new firmware shows its sign-in page, old firmware answers 401.</summary>
public sealed class ManagerSessionTests
{
    [Fact]
    public async Task New_firmware_answers_the_sign_in_page_instead_of_json_once_the_session_has_ended()
    {
        await using var run = await ManagerRun.StartAsync();
        var cookie = await run.LoginAsync();

        run.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        await run.GetJsonAsync("/rest/hems-configurator/energy-overview", cookie);
        run.Clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await run.SendAsync("/rest/hems-configurator/energy-overview", cookie);

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal("text/html", expired.Content.Headers.ContentType!.MediaType);
        Assert.Contains("action=\"/auth/login\"", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await run.GetJsonAsync("/rest/hems-configurator/energy-overview", await run.LoginAsync());
    }

    [Fact]
    public async Task Old_firmware_answers_401_with_an_empty_body_once_the_session_has_ended()
    {
        await using var run = await ManagerRun.StartAsync(ManagerOptions.Default with { Firmware = ManagerFirmware.Old, SessionLifetime = TimeSpan.FromMinutes(2) });
        var cookie = await run.LoginAsync();
        await run.GetJsonAsync("/rest/items", cookie);

        run.Clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await run.SendAsync("/rest/items", cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Empty(await expired.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(ManagerFirmware.New, "/rest/hems-configurator/things", HttpStatusCode.OK)]
    [InlineData(ManagerFirmware.Old, "/rest/things", HttpStatusCode.Unauthorized)]
    public async Task Without_a_cookie_or_with_an_unknown_one_there_is_no_json(ManagerFirmware firmware, string path, HttpStatusCode refusal)
    {
        await using var run = await ManagerRun.StartAsync(ManagerOptions.Default with { Firmware = firmware });

        using var none = await run.SendAsync(path, cookie: null);
        using var forged = await run.SendAsync(path, "kiwisessionid=00112233445566778899aabbccddeeff");

        foreach (var response in (HttpResponseMessage[])[none, forged])
        {
            Assert.Equal(refusal, response.StatusCode);
            Assert.NotEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_session_lifetime_that_is_not_positive_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ManagerRun.StartAsync(ManagerOptions.Default with { SessionLifetime = TimeSpan.Zero }));

        Assert.StartsWith("The Manager's session lifetime is not positive", error.Message, StringComparison.Ordinal);
    }
}
