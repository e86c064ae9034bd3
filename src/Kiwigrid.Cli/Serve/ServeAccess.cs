using System.Text.RegularExpressions;

namespace Kiwigrid.Cli.Serve;

/// <summary>
/// Where <c>kiwigrid serve</c> finds its access tokens: a file (<c>--access-token-file</c>) or the
/// <c>KIWIGRID_SERVE_TOKEN</c> variable. Deliberately no option that takes a token itself: arguments end up in
/// shell history and process listings.
/// </summary>
/// <remarks>
/// The file holds one token per line, either bare (named <see cref="AccessToken.DefaultName"/>, as a file of one token
/// always was) or as <c>name:token</c>; blank lines and lines starting with <c>#</c> are skipped. The variable holds
/// one token, bare or named the same way. A bare token that contains a <c>:</c> after a name-like start must be written
/// with a name.
/// </remarks>
internal static partial class ServeAccess
{
    public const string TokenVariable = "KIWIGRID_SERVE_TOKEN";

    /// <summary>The shortest token accepted; anything shorter is guessable.</summary>
    public const int MinimumLength = 16;

    /// <exception cref="CliUsageException">The file cannot be read, names a token twice, or a token is too short.</exception>
    public static AccessTokens? Resolve(string? tokenFile, Func<string, string?> environment)
    {
        if (tokenFile is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(tokenFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliUsageException($"--access-token-file {tokenFile} cannot be read ({ex.Message.TrimEnd('.')}).");
            }

            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            if (lines.Count == 0)
            {
                throw new CliUsageException($"--access-token-file {tokenFile} is empty; put the token on its first line.");
            }

            return FromLines(lines, $"--access-token-file {tokenFile}");
        }

        var token = environment(TokenVariable)?.Trim();
        return string.IsNullOrEmpty(token) ? null : FromLines([token], TokenVariable);
    }

    private static AccessTokens FromLines(List<string> lines, string where)
    {
        var tokens = new List<AccessToken>(lines.Count);
        foreach (var line in lines)
        {
            var named = NamedToken().Match(line);
            var (name, token) = named.Success ? (named.Groups["name"].Value, named.Groups["token"].Value.Trim()) : (AccessToken.DefaultName, line);
            if (token.Length < MinimumLength)
            {
                throw new CliUsageException($"The access token{(named.Success ? $" '{name}'" : "")} is shorter than {MinimumLength} characters; use a random one, e.g. from 'openssl rand -hex 24'.");
            }

            if (tokens.Any(t => t.Name == name))
            {
                throw new CliUsageException($"{where} names two tokens '{name}'; give each its own name as name:token on its line.");
            }

            if (tokens.Any(t => t.Matches(token)))
            {
                throw new CliUsageException($"{where} lists one token under two names; give each its own token.");
            }

            tokens.Add(new AccessToken(token, name));
        }

        return new AccessTokens(tokens);
    }

    /// <summary><c>name:token</c>: a name of letters, digits and <c>_ . @ -</c>, up to 64 characters.</summary>
    [GeneratedRegex("^(?<name>[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}):(?<token>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedToken();
}
