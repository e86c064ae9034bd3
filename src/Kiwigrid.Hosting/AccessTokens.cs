using System.Text.RegularExpressions;

namespace Kiwigrid.Hosting;

/// <summary>
/// The tokens that open serve: one or more, each with a distinct name, so a change of a setting can be logged with
/// whose token made it.
/// </summary>
internal sealed partial class AccessTokens
{
    /// <summary>The shortest token accepted; anything shorter is guessable.</summary>
    public const int MinimumLength = 16;

    private readonly IReadOnlyList<AccessToken> _tokens;

    public AccessTokens(IReadOnlyList<AccessToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfZero(tokens.Count);
        _tokens = tokens;
    }

    /// <summary>One token named <see cref="AccessToken.DefaultName"/>.</summary>
    public static AccessTokens Single(string token) => new([new AccessToken(token)]);

    /// <summary>The names, in the order the tokens were given.</summary>
    public IEnumerable<string> Names => _tokens.Select(t => t.Name);

    /// <summary>
    /// The token <paramref name="candidate"/> is, or null. Every token is compared, matched or not, so the time taken
    /// does not tell which one matched.
    /// </summary>
    public AccessToken? Find(string? candidate)
    {
        AccessToken? found = null;
        foreach (var token in _tokens)
        {
            if (token.Matches(candidate))
            {
                found ??= token;
            }
        }

        return found;
    }

    /// <summary>
    /// Tokens from lines of <c>name:token</c> or a bare token (named <see cref="AccessToken.DefaultName"/>).
    /// </summary>
    /// <param name="lines">One token a line, blank lines and comments already removed.</param>
    /// <param name="where">Where the lines came from, for the error: a file, a variable or a setting.</param>
    /// <exception cref="KiwigridSetupException">A token is too short, or two share a name or a value.</exception>
    public static AccessTokens Parse(IReadOnlyList<string> lines, string where)
    {
        var tokens = new List<AccessToken>(lines.Count);
        foreach (var line in lines)
        {
            var named = NamedToken().Match(line);
            var (name, token) = named.Success ? (named.Groups["name"].Value, named.Groups["token"].Value.Trim()) : (AccessToken.DefaultName, line);
            if (token.Length < MinimumLength)
            {
                throw new KiwigridSetupException($"The access token{(named.Success ? $" '{name}'" : "")} is shorter than {MinimumLength} characters; use a random one, e.g. from 'openssl rand -hex 24'.");
            }

            if (tokens.Any(t => t.Name == name))
            {
                throw new KiwigridSetupException($"{where} names two tokens '{name}'; give each its own name as name:token on its line.");
            }

            if (tokens.Any(t => t.Matches(token)))
            {
                throw new KiwigridSetupException($"{where} lists one token under two names; give each its own token.");
            }

            tokens.Add(new AccessToken(token, name));
        }

        return new AccessTokens(tokens);
    }

    /// <summary><c>name:token</c>: a name of letters, digits and <c>_ . @ -</c>, up to 64 characters.</summary>
    [GeneratedRegex("^(?<name>[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}):(?<token>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedToken();

    public override string ToString() => $"AccessTokens({string.Join(", ", Names)})";
}
