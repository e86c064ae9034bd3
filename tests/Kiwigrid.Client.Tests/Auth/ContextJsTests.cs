using Kiwigrid.Client.Auth;

namespace Kiwigrid.Client.Tests.Auth;

public class ContextJsTests
{
    [Theory]
    [InlineData("var context = {\n  locale: 'de',\n  accessToken: 'TOKEN123',\n  channel: 'solarwatt'\n};")]
    [InlineData("var context = {\r\n    accessToken : \"TOKEN123\" ,\r\n};")]
    [InlineData("window.ctx={locale:'de',accessToken:'TOKEN123',x:1};")]
    [InlineData("{\"accessToken\":\"TOKEN123\",\"refreshAccessToken\":\"NOPE\"}")]
    [InlineData("{ 'accessToken'\t:\t'TOKEN123' }")]
    [InlineData("{ refreshAccessToken: 'NOPE', accessToken: 'TOKEN123' }")]
    [InlineData("define({ user: {name: 'x'}, accessToken: 'TOKEN123' });")]
    [InlineData("app.accessToken = 'NOPE'; var c = { accessToken = 'TOKEN123' };")]
    [InlineData("{ accessToken: 'NO\nPE', accessToken: \"TOKEN123\" }")]
    [InlineData("x = \"accessToken: 'TOKEN123'")]
    public void The_token_is_found_in_every_layout(string script)
    {
        Assert.Equal("TOKEN123", ContextJs.FindAccessToken(script));
    }

    [Fact]
    public void A_real_legacy_token_survives_the_parse()
    {
        var token = TestTokens.Legacy();

        Assert.Equal(token, ContextJs.FindAccessToken($"var context = {{\n accessToken: '{token}',\n}};"));
    }

    [Theory]
    [InlineData("var context = { locale: 'de' };")]
    [InlineData("var context = { accessToken: '' };")]
    [InlineData("var context = { accessToken: null };")]
    [InlineData("var context = { myaccessToken: 'x' };")]
    [InlineData("<html>login page</html>")]
    [InlineData("var context = { accessToken: 'TOKEN123")]
    [InlineData("var context = { accessToken: \"TOK'EN\" }")]
    [InlineData("var context = { _accessToken: 'x', $accessToken: 'y' }")]
    public void No_token_is_null(string script)
    {
        Assert.Null(ContextJs.FindAccessToken(script));
    }
}
