namespace Kiwigrid.Hosting;

/// <summary>
/// The other websites (<c>--allow-origin</c>) whose pages may read the JSON API, the event stream and
/// <c>/healthz</c> in a browser: exact origins as a browser sends them in its <c>Origin</c> header, or any.
/// </summary>
internal sealed class AllowedOrigins
{
    public const string Any = "*";

    private readonly HashSet<string> _exact;

    private AllowedOrigins(bool anyOrigin, HashSet<string> exact)
    {
        AnyOrigin = anyOrigin;
        _exact = exact;
    }

    /// <summary><c>*</c> was given: every origin may read, and the answers are the same for all of them.</summary>
    public bool AnyOrigin { get; }

    /// <summary>Reads the allowed origins; null when there are none (no cross-origin reads at all).</summary>
    /// <param name="values">The origins, or <c>*</c>.</param>
    /// <param name="setting">What the user calls the setting (<c>--allow-origin</c>), for the error.</param>
    /// <exception cref="KiwigridSetupException">A value is neither <c>*</c> nor an origin.</exception>
    public static AllowedOrigins? Parse(IReadOnlyCollection<string> values, string setting)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var exact = values.Where(v => v != Any).Select(v => Canonical(v, setting)).ToHashSet(StringComparer.Ordinal);
        return new AllowedOrigins(values.Contains(Any), exact);
    }

    /// <summary>Whether a page from <paramref name="origin"/> (the request's <c>Origin</c> header) may read.</summary>
    public bool Allows(string origin) => AnyOrigin || _exact.Contains(origin);

    /// <summary>For the start-up note: "any website" or the origins in order.</summary>
    public override string ToString() => AnyOrigin ? "any website" : string.Join(", ", _exact.Order(StringComparer.Ordinal));

    /// <summary>
    /// The origin as a browser serializes it: lower-case scheme and host, punycode for international names, no
    /// default port. A trailing slash is forgiven: it is what an address bar shows.
    /// </summary>
    private static string Canonical(string value, string setting)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !value.Contains("://", StringComparison.Ordinal)
            || uri.UserInfo.Length > 0
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || value.Contains('?', StringComparison.Ordinal)
            || value.Contains('#', StringComparison.Ordinal))
        {
            throw new KiwigridSetupException(
                $"{setting} takes * or an origin such as https://example.org or http://192.168.1.5:8080 (scheme, host and port, no path), not '{value}'.");
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
