using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Kiwigrid.Cli.Serve;

/// <summary>
/// The address to print for a server bound to every interface: <c>http://0.0.0.0:8088/</c> opens nothing in a
/// browser, so serve names one of this machine's own addresses instead (or its host name when it has none).
/// </summary>
internal static class ReachableAddress
{
    /// <summary><paramref name="bound"/> with a wildcard host replaced by one of this machine's addresses.</summary>
    public static Uri For(Uri bound) => For(bound, MachineAddresses(), Dns.GetHostName());

    /// <param name="bound">The address the server listens on.</param>
    /// <param name="machine">This machine's unicast addresses on interfaces that are up, loopback excluded.</param>
    /// <param name="hostName">This machine's name, for when it has no such address.</param>
    public static Uri For(Uri bound, IEnumerable<IPAddress> machine, string hostName)
    {
        if (!IPAddress.TryParse(bound.Host, out var host) || !(host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any)))
        {
            return bound;
        }

        // IPv4 first: it is what people type, and what a wildcard 0.0.0.0 serves.
        var candidates = machine.Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal).ToList();
        var address = candidates.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? (host.Equals(IPAddress.IPv6Any) ? candidates.FirstOrDefault() : null);
        return new UriBuilder(bound) { Host = address?.ToString() ?? hostName }.Uri;
    }

    private static IEnumerable<IPAddress> MachineAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address));
}
