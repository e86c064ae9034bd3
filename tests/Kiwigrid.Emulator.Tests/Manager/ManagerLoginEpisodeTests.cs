using System.Net;

using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>The login's bad days: the firmware's 504/500 episode, and a password guesser slowed down.</summary>
public sealed class ManagerLoginEpisodeTests
{
    [Fact]
    public async Task An_outage_answers_504_and_500_alternately_with_html_and_no_cookie_then_logs_in()
    {
        await using var run = await ManagerRun.StartAsync(ManagerOptions.Default with { LoginOutage = 3 });

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var failed = await ManagerRun.PostLoginAsync(run.Http, "installer", "demo");
            statuses.Add(failed.StatusCode);
            Assert.False(failed.Headers.Contains("Set-Cookie"));
            Assert.Equal("text/html", failed.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal([HttpStatusCode.GatewayTimeout, HttpStatusCode.InternalServerError, HttpStatusCode.GatewayTimeout], statuses);
        var cookie = await run.LoginAsync();
        Assert.StartsWith("kiwisessionid=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_wrong_passwords_lock_the_user_out_for_the_window_even_with_the_right_one()
    {
        await using var run = await ManagerRun.StartAsync(configure: o => o with { MaxLoginFailures = 3 });
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await ManagerRun.PostLoginAsync(run.Http, "installer", "guess" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var throttled = await ManagerRun.PostLoginAsync(run.Http, "installer", "demo");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.False(throttled.Headers.Contains("Set-Cookie"));
        Assert.Equal(TimeSpan.FromMinutes(1), throttled.Headers.RetryAfter!.Delta);
        run.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.StartsWith("kiwisessionid=", await run.LoginAsync(), StringComparison.Ordinal);
    }
}
