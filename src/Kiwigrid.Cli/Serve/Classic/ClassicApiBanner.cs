using Kiwigrid.Hosting.Classic;

namespace Kiwigrid.Cli.Serve.Classic;

/// <summary>
/// What serve says at start about the classic API: where it is and who may read it, loudly when that is anyone on the
/// network. Lines of at most 80 columns for any IPv4 address and port.
/// </summary>
internal static class ClassicApiBanner
{
    /// <param name="baseUrl">serve's address as a person would open it, without the final '/'.</param>
    /// <param name="options">How the classic API was opened.</param>
    /// <param name="addresses">Where serve listens.</param>
    public static IReadOnlyList<string> Lines(string baseUrl, ClassicApiOptions options, IReadOnlyList<ListenAddress> addresses)
    {
        List<string> lines =
        [
            "Classic Energy Manager API (no token needed):",
            $"  {baseUrl}{ClassicApiEndpoints.DeviceListPath}",
            $"  {baseUrl}{ClassicApiEndpoints.EnergyOverviewPath}",
        ];
        if (!options.OpenToLan)
        {
            lines.Add("  Only this machine may read them (--classic-api-lan opens them to the network).");
        }
        else if (addresses.All(a => a.IsLoopback))
        {
            lines.Add("  Open to the network, but serve listens on this machine only (--urls).");
        }
        else
        {
            lines.Add("WARNING: --classic-api-lan: ANYONE on your network can read your home's devices");
            lines.Add("  and energy at those two paths, without a token.");
        }

        return lines;
    }
}
