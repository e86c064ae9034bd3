namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The base address of each emulated host on its own loopback origin, as the real cloud spreads them over several
/// hosts, so that cross-host redirects and cookie scoping happen for real. The main origin
/// (<see cref="KiwigridEmulator.BaseUri"/>) still serves every host's paths, except the Manager's
/// (<see cref="EmulatedHost.Manager"/>), which is listed only when the emulator runs one.
/// </summary>
/// <param name="Origins">Each host's origin, e.g. <c>http://127.0.0.1:54322/</c>.</param>
public sealed record EmulatorHosts(IReadOnlyDictionary<EmulatedHost, Uri> Origins)
{
    /// <summary>The host's origin (scheme, address and port, path <c>/</c>).</summary>
    public Uri this[EmulatedHost host] => Origins[host];
}
