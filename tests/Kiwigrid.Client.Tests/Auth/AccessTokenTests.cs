using Kiwigrid.Client.Auth;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.Auth;

public class AccessTokenTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_legacy_token_is_decoded(bool urlSafe)
    {
        var value = TestTokens.Legacy(urlSafe: urlSafe);

        var token = new AccessToken(value);

        Assert.Equal(value, token.Value);
        Assert.Equal("jane@example.org", token.User);
        Assert.Equal("kiwigrid.desktop", token.ClientId);
        Assert.Equal("solarwatt", token.Channel);
        Assert.Equal("7d9c7f7e-0c4f-4c1e-9a57-1a2b3c4d5e6f", token.SessionId);
        Assert.Equal(9, token.Scopes!.Count);
        Assert.Contains("read_devices", token.Scopes);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1518788227171), token.Expiration);
    }

    [Fact]
    public void A_token_whose_json_holds_dots_still_decodes()
    {
        var token = new AccessToken(TestTokens.Legacy("""{"user_id":"j.doe@mail.example.org","expiration":1518788227171}"""));

        Assert.Equal("j.doe@mail.example.org", token.User);
    }

    [Fact]
    public void A_jwt_is_decoded_with_seconds_and_space_separated_scopes()
    {
        var token = new AccessToken(TestTokens.Jwt("""{"sub":"jane","scope":"read_devices manage_devices","exp":1900000000,"azp":"kiwigrid.desktop","sid":"s-1"}"""));

        Assert.Equal("jane", token.User);
        Assert.Equal(["read_devices", "manage_devices"], token.Scopes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), token.Expiration);
        Assert.Equal("kiwigrid.desktop", token.ClientId);
        Assert.Equal("s-1", token.SessionId);
    }

    [Theory]
    [InlineData("opaque-garbage-!!")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("bm90IGpzb24gYXQgYWxs")] // base64 of "not json at all"
    public void An_undecodable_token_is_still_usable(string value)
    {
        var token = new AccessToken(value);

        Assert.Equal(value, token.Value);
        Assert.Null(token.User);
        Assert.Null(token.Scopes);
        Assert.Null(token.Expiration);
        Assert.False(token.IsExpired(new FakeTimeProvider(DateTimeOffset.MaxValue.AddDays(-1))));
    }

    [Fact]
    public void Expiry_is_judged_by_the_given_clock()
    {
        var token = new AccessToken(TestTokens.Legacy());
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1518788227171 - 1000));

        Assert.False(token.IsExpired(clock));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(token.IsExpired(clock));
    }

    [Fact]
    public void ToString_never_shows_the_token()
    {
        var value = TestTokens.Legacy();

        var text = new AccessToken(value).ToString();

        Assert.DoesNotContain(value[..20], text, StringComparison.Ordinal);
        Assert.Contains("redacted", text, StringComparison.Ordinal);
        Assert.Contains("jane@example.org", text, StringComparison.Ordinal);
    }
}
