using System.Text;

using CsCheck;

using Kiwigrid.Client.Auth;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary><c>context.js</c> parsing over arbitrary scripts: the token line is found wherever it is, and nothing throws.</summary>
public sealed class ContextJsProperties
{
    private static readonly Gen<string> Token = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-+/="].Array[1, 60].Select(chars => new string(chars));

    private static readonly Gen<string> Noise = ArbitraryJson.AnyString.Array[0, 6]
        .Select(parts => string.Join('\n', parts))
        .Where(text => !text.Contains("accessToken", StringComparison.Ordinal));

    private static readonly Gen<string> TokenLine = Gen.OneOf(
        "    accessToken: '{0}',", "\"accessToken\": \"{0}\"", "accessToken = \"{0}\";", "'accessToken':'{0}'", "accessToken:'{0}'");

    [Fact]
    public void A_token_line_anywhere_in_arbitrary_text_yields_its_token()
    {
        Gen.Select(Noise, TokenLine, Token, Noise).Sample((before, line, token, after) =>
        {
            var script = before + "\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, line, token) + "\n" + after;

            Assert.Equal(token, ContextJs.FindAccessToken(script));
        }, iter: 3000);
    }

    [Fact]
    public void Arbitrary_text_without_a_token_yields_none_and_never_throws()
    {
        var nearMisses = Gen.OneOf("accessToken: null,", "accessToken: '',", "refreshAccessToken: 'x',", "accessToken", "accessToken: 'unterminated\n'", "x.accessToken = 'y';");
        Gen.Select(Noise, nearMisses, Noise).Sample((before, miss, after) =>
        {
            Assert.Null(ContextJs.FindAccessToken(before + "\n" + miss + "\n;" + after));
        }, iter: 3000);
    }

    [Theory]
    [InlineData("accessToken")]
    [InlineData("\"accessToken\"     ")]
    [InlineData("accessToken:   ")]
    [InlineData("accessToken: '\n")]
    [InlineData("x")]
    public void Ten_megabytes_without_a_token_are_searched_in_bounded_time_and_memory(string pattern)
    {
        var script = Encoding.UTF8.GetString(AllocationMeter.Garbage([], Encoding.UTF8.GetBytes(pattern)));

        var allocated = AllocationMeter.Measure(() => Assert.Null(ContextJs.FindAccessToken(script)));

        Assert.Null(ContextJs.FindAccessToken(script));
        Assert.True(allocated < 2L * script.Length, $"Searching {script.Length} characters allocated {allocated} bytes.");
    }
}
