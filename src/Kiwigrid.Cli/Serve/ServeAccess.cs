namespace Kiwigrid.Cli.Serve;

/// <summary>
/// Where <c>kiwigrid serve</c> finds its access token: a file (<c>--access-token-file</c>) or the
/// <c>KIWIGRID_SERVE_TOKEN</c> variable. Deliberately no option that takes the token itself: arguments end up in
/// shell history and process listings.
/// </summary>
internal static class ServeAccess
{
    public const string TokenVariable = "KIWIGRID_SERVE_TOKEN";

    /// <summary>The shortest token accepted; anything shorter is guessable.</summary>
    public const int MinimumLength = 16;

    /// <exception cref="CliUsageException">The file cannot be read, or the token is too short.</exception>
    public static AccessToken? Resolve(string? tokenFile, Func<string, string?> environment)
    {
        string? token;
        if (tokenFile is not null)
        {
            try
            {
                token = File.ReadAllText(tokenFile).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliUsageException($"--access-token-file {tokenFile} cannot be read ({ex.Message.TrimEnd('.')}).");
            }

            if (token.Length == 0)
            {
                throw new CliUsageException($"--access-token-file {tokenFile} is empty; put the token on its first line.");
            }
        }
        else
        {
            token = environment(TokenVariable)?.Trim();
            if (string.IsNullOrEmpty(token))
            {
                return null;
            }
        }

        return token.Length >= MinimumLength
            ? new AccessToken(token)
            : throw new CliUsageException($"The access token is shorter than {MinimumLength} characters; use a random one, e.g. from 'openssl rand -hex 24'.");
    }
}
