using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// What the <c>emulator</c> command prints once it runs: the main origin, which serves every host, then each host's
/// own origin, so a client can be pointed at either; then the SOLARWATT Manager's origin, firmware, user and (over
/// HTTPS) certificate fingerprint when one is played.
/// </summary>
internal static class EmulatorBanner
{
    public static IEnumerable<string> Lines(KiwigridEmulator emulator, string accounts)
    {
        var hosts = emulator.Hosts;
        yield return $"Kiwigrid emulator on {emulator.BaseUri} (every host; {emulator.Options.Dialect})";
        yield return $"  accounts     {accounts}";
        yield return "  2018 cloud (--cloud legacy)";
        yield return $"    login      {hosts[EmulatedHost.LegacyLogin]}  (--auth-url; POST /login)";
        yield return $"    desktop    {hosts[EmulatedHost.Desktop]}  (--desktop-url)";
        yield return $"    event bus  {new Uri(hosts[EmulatedHost.EventBus], "/kiwibus")}  (--bus-url)";
        yield return $"    export     {hosts[EmulatedHost.Export]}  (--export-url; POST /v1.0/export)";
        yield return "  today's cloud (--cloud hems, the default)";
        yield return $"    realm      {emulator.SolarwattRealmUri}  (--oneid-url)";
        yield return $"    OneID      {emulator.OneIdRealmUri}  (behind the realm)";
        yield return $"    portal     {emulator.PortalUri}  (--portal-url)";
        yield return $"    HEMS API   {emulator.HemsApiUri}  (--hems-url)";
        yield return $"  local EM     {new Uri(hosts[EmulatedHost.LocalEnergyManager], "/rest/kiwigrid/wizard/devices")}";
        if (emulator.Options.Manager is { } manager && emulator.ManagerUri is { } origin)
        {
            var firmware = manager.Firmware == ManagerFirmware.New ? "new firmware" : "old firmware";
            yield return $"  {manager.ProductName} (--local {origin}; {firmware})";
            yield return $"    user       {manager.UserName}  password {ManagerPassword(manager)}";
            if (emulator.ManagerCertificateFingerprint is { } fingerprint)
            {
                // 95 characters: the fingerprint goes on lines of its own, 16 bytes (47 characters) each, to fit 80 columns.
                yield return "    SHA-256    " + fingerprint[..47];
                yield return "               " + fingerprint[48..];
            }
        }

        yield return "Press Ctrl+C to stop.";
    }

    /// <summary>The demo password is public and shown; a configured one is a secret and is not.</summary>
    private static string ManagerPassword(ManagerOptions manager) =>
        manager.Password == EmulatorOptions.DemoPassword ? manager.Password : "(as configured for installer)";
}
