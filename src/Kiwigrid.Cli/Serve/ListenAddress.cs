using System.Net;

namespace Kiwigrid.Cli.Serve;

/// <summary>One address of <c>--urls</c>, and whether only this machine can reach it.</summary>
internal sealed record ListenAddress(string Url, bool IsLoopback)
{
    public const string Default = "http://127.0.0.1:8088";

    /// <summary>Reads <c>--urls</c>: one or more <c>http://host:port</c> separated by <c>;</c>.</summary>
    /// <exception cref="CliUsageException">An address is not an http URL with a host.</exception>
    public static IReadOnlyList<ListenAddress> ParseList(string urls)
    {
        var parsed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        return parsed.Count > 0 ? parsed : throw new CliUsageException("--urls needs at least one address such as http://127.0.0.1:8088.");
    }

    private static ListenAddress Parse(string url)
    {
        // Kestrel's wildcards (*, +) are no valid URI hosts; they mean every interface.
        var wildcard = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
        {
            throw new CliUsageException($"--urls takes http://host:port addresses separated by ';' (for HTTPS put a reverse proxy in front), not '{url}'.");
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return new ListenAddress(url.TrimEnd('/'), loopback);
    }
}
