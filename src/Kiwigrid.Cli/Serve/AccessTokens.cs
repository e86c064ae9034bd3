namespace Kiwigrid.Cli.Serve;

/// <summary>
/// The tokens that open serve: one or more, each with a distinct name, so a change of a setting can be logged with
/// whose token made it.
/// </summary>
internal sealed class AccessTokens
{
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

    public override string ToString() => $"AccessTokens({string.Join(", ", Names)})";
}
