using System.Net;

namespace Kiwigrid.Hosting.Classic;

/// <summary>
/// Who may read the classic paths. The integrations that read them (evcc, openHAB, Home Assistant, ioBroker) cannot
/// send serve's token, so the token never applies there; instead only this machine may, unless the owner opened them
/// to the network with <c>--classic-api-lan</c>.
/// </summary>
internal static class ClassicApiAccess
{
    /// <summary>The one sentence a refused client reads.</summary>
    public const string RefusedMessage =
        "Only this machine may read the classic Energy Manager API; start serve with --classic-api-lan to let the network read it without a token.";

    /// <summary>Whether a request from <paramref name="remote"/> may read the classic paths.</summary>
    /// <param name="remote">The client's address; null when unknown (never a network client we can vouch for).</param>
    /// <param name="options">How the classic API was opened.</param>
    public static bool Allows(IPAddress? remote, ClassicApiOptions options)
    {
        if (options.OpenToLan)
        {
            return true;
        }

        // Kestrel on a dual-stack socket reports an IPv4 client as ::ffff:a.b.c.d.
        return remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
    }
}
