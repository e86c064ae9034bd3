namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The emulator's addresses, known once Kestrel has bound its ports. Every redirect points at the emulator, whatever a
/// client asks for, so that a client following redirects never leaves it: a request that came in on the main origin
/// is sent on along the main origin; one that came in on a host's own origin is sent to the origin of the host that
/// owns the next path, as the real cloud sends a browser from host to host.
/// </summary>
internal sealed class EmulatorAddress(IHttpContextAccessor requests)
{
    private Uri? _baseUri;
    private EmulatorHosts? _hosts;

    public Uri BaseUri
    {
        get => _baseUri ?? throw new InvalidOperationException("The emulator has not bound its address yet.");
        set => _baseUri = value;
    }

    public EmulatorHosts Hosts
    {
        get => _hosts ?? throw new InvalidOperationException("The emulator has not bound its address yet.");
        set => _hosts = value;
    }

    /// <summary>The host whose own origin a request came in on; null for the main origin.</summary>
    public EmulatedHost? HostOf(HttpContext context)
    {
        var connection = context.Connection;
        foreach (var (host, origin) in Hosts.Origins)
        {
            if (origin.Port == connection.LocalPort && connection.LocalIpAddress?.ToString() == origin.Host)
            {
                return host;
            }
        }

        return null;
    }

    /// <summary>The origin (ending in '/') at which the current request should reach a host.</summary>
    public Uri OriginOf(EmulatedHost host)
    {
        var current = requests.HttpContext;
        return current is not null && HostOf(current) is not null ? Hosts[host] : BaseUri;
    }

    /// <summary>An absolute address on the emulator for a path (with query) starting with '/'.</summary>
    public string At(string pathAndQuery)
    {
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
        var origin = HostPaths.Owner(path) is { } owner ? OriginOf(owner) : BaseUri;
        return origin.GetLeftPart(UriPartial.Authority) + pathAndQuery;
    }
}
