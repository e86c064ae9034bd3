using System.Globalization;

namespace Kiwigrid.Client.Auth;

/// <summary>
/// Reads the access token out of the desktop's <c>context.js</c>, a JavaScript object literal holding
/// <c>accessToken: '…',</c> among other settings. Pattern matching only: the script is never executed.
/// </summary>
/// <remarks>
/// A hand-written scan rather than a regular expression: it is linear in the script's length, so a huge or hostile
/// script costs time in proportion to its size and cannot run into a regex timeout on a busy machine.
/// </remarks>
internal static class ContextJs
{
    private const string Key = "accessToken";

    /// <summary>The token, or null if the script holds no non-empty <c>accessToken</c> string.</summary>
    /// <remarks>
    /// The first occurrence of the key bare or quoted (not part of a longer name such as <c>refreshAccessToken</c>),
    /// followed by <c>:</c> or <c>=</c> and a quoted string on one line, decides.
    /// </remarks>
    public static string? FindAccessToken(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        for (var at = script.IndexOf(Key, StringComparison.Ordinal); at >= 0; at = script.IndexOf(Key, at + 1, StringComparison.Ordinal))
        {
            if (TryReadValue(script, at, out var token))
            {
                return token.Length > 0 ? token : null;
            }
        }

        return null;
    }

    private static bool TryReadValue(string script, int keyStart, out string token)
    {
        token = string.Empty;
        var position = keyStart + Key.Length;
        var before = keyStart - 1;
        if (before >= 0 && script[before] is '"' or '\'' && position < script.Length && script[position] == script[before])
        {
            // A quoted key: the name check applies before its opening quote.
            position++;
            before--;
        }

        if (before >= 0 && IsNamePart(script[before]))
        {
            return false;
        }

        position = SkipWhitespace(script, position);
        if (position >= script.Length || script[position] is not (':' or '='))
        {
            return false;
        }

        position = SkipWhitespace(script, position + 1);
        if (position >= script.Length || script[position] is not ('"' or '\''))
        {
            return false;
        }

        var quote = script[position];
        var valueStart = position + 1;
        var valueEnd = script.AsSpan(valueStart).IndexOfAny("\"'\r\n");
        if (valueEnd < 0 || script[valueStart + valueEnd] != quote)
        {
            return false;
        }

        token = script.Substring(valueStart, valueEnd);
        return true;
    }

    private static int SkipWhitespace(string script, int position)
    {
        while (position < script.Length && char.IsWhiteSpace(script[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>A character that would make the key part of a longer name or a member access (<c>x.accessToken</c>).</summary>
    private static bool IsNamePart(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '$' or '.'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.ConnectorPunctuation;
}
