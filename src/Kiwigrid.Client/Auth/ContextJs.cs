using System.Text.RegularExpressions;

namespace Kiwigrid.Client.Auth;

/// <summary>
/// Reads the access token out of the desktop's <c>context.js</c>, a JavaScript object literal holding
/// <c>accessToken: '…',</c> among other settings. Pattern matching only: the script is never executed.
/// </summary>
internal static partial class ContextJs
{
    /// <summary>The token, or null if the script holds no non-empty <c>accessToken</c> string.</summary>
    public static string? FindAccessToken(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var match = AccessTokenPattern().Match(script);
        return match.Success && match.Groups["token"].Length > 0 ? match.Groups["token"].Value : null;
    }

    // The key bare or quoted, not part of a longer name (refreshAccessToken), then ':' or '=', then a quoted string.
    [GeneratedRegex("""(?<![\w$.])(?<kq>["']?)accessToken\k<kq>\s*[:=]\s*(?<vq>["'])(?<token>[^"'\r\n]*)\k<vq>""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AccessTokenPattern();
}
