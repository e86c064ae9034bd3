using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>Login refusals and the transparent re-login when the emulator says the token expired.</summary>
public class AuthenticationTests
{
    private const string WrongPassword = "correct-horse-battery-staple";

    [Fact]
    public async Task A_wrong_password_fails_at_step_1_without_the_password_in_the_message()
    {
        await using var home = await EmulatedHome.StartAsync();

        var error = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => home.ConnectAsync(password: WrongPassword));

        AssertRefusedAtStep1(error);
    }

    [Fact]
    public async Task An_unknown_user_fails_the_same_way()
    {
        await using var home = await EmulatedHome.StartAsync();

        var unknown = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => home.ConnectAsync("nobody@example.com", WrongPassword));
        var wrongPassword = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => home.ConnectAsync(password: WrongPassword));

        AssertRefusedAtStep1(unknown);
        Assert.Equal(wrongPassword.Message, unknown.Message); // nothing tells an attacker which user names exist
    }

    [Fact]
    public async Task An_expired_token_is_renewed_by_a_fresh_login_and_the_request_succeeds()
    {
        await using var home = await EmulatedHome.StartAsync(emulator: o => o with { TokenLifetime = TimeSpan.FromMinutes(5) });
        await using var client = await home.ConnectAsync();
        var first = client.AccessToken;
        Assert.NotEmpty(await client.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Location)));

        home.Clock.Advance(TimeSpan.FromMinutes(6));
        var location = await client.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Location));

        Assert.Equal(home.Simulation!.LocationGuid, Assert.Single(location).Guid);
        var second = client.AccessToken;
        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(home.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), second.Expiration!.Value, TimeSpan.FromSeconds(1));
        Assert.True(first.IsExpired(home.Clock));
        Assert.False(second.IsExpired(home.Clock));

        // The simulation kept running on the same clock: the values the client now sees are six minutes later.
        Assert.Equal(home.Simulation.SimulatedNow, Assert.Single(location).GetTag("PowerProduced")!.Timestamp);
        Assert.Equal(EmulatedHome.MidsummerNoon.AddMinutes(6), home.Simulation.SimulatedNow);
    }

    [Fact]
    public async Task Repeated_failures_throttle_that_user_only_and_the_throttle_ends_with_its_window()
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal) { ["owner@example.com"] = "owner-pw", ["installer@example.com"] = "installer-pw" };
        await using var home = await EmulatedHome.StartAsync(emulator: o => o with { Users = users });
        for (var i = 0; i < home.Emulator.Options.MaxLoginFailures; i++)
        {
            AssertRefusedAtStep1(await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => home.ConnectAsync("owner@example.com", WrongPassword)));
        }

        var throttled = await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => home.ConnectAsync("owner@example.com", "owner-pw"));
        await using (var other = await home.ConnectAsync("installer@example.com", "installer-pw"))
        {
            Assert.Equal("installer@example.com", other.AccessToken.User);
        }

        home.Clock.Advance(home.Emulator.Options.LoginFailureWindow + TimeSpan.FromSeconds(1));
        await using var owner = await home.ConnectAsync("owner@example.com", "owner-pw");

        Assert.Equal(1, throttled.Step);
        Assert.Equal(429, throttled.StatusCode);
        Assert.Contains("429", throttled.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("owner-pw", throttled.ToString(), StringComparison.Ordinal);
        Assert.Equal("owner@example.com", owner.AccessToken.User);
    }

    private static void AssertRefusedAtStep1(KiwigridAuthenticationException error)
    {
        Assert.Equal(1, error.Step);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("step 1", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(WrongPassword, error.ToString(), StringComparison.Ordinal);
    }
}
