using Kiwigrid.Hosting;

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
internal static class ServeAccess
{
    public const string TokenVariable = "KIWIGRID_SERVE_TOKEN";

    /// <exception cref="CliUsageException">The file cannot be read or is empty.</exception>
    /// <exception cref="KiwigridSetupException">The file names a token twice, or a token is too short.</exception>
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

            return AccessTokens.Parse(lines, $"--access-token-file {tokenFile}");
        }

        var token = environment(TokenVariable)?.Trim();
        return string.IsNullOrEmpty(token) ? null : AccessTokens.Parse([token], TokenVariable);
    }
}
