namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// What the <c>emulator</c> command prints once it runs: the main origin, which serves every host, then each host's
/// own origin, so a client can be pointed at either.
/// </summary>
internal static class EmulatorBanner
{
    public static IEnumerable<string> Lines(KiwigridEmulator emulator, string accounts)
    {
        var hosts = emulator.Hosts;
        yield return $"Kiwigrid emulator on {emulator.BaseUri} (every host; {emulator.Options.Dialect})";
        yield return $"  accounts     {accounts}";
        yield return "  2018 cloud";
        yield return $"    login      POST {new Uri(hosts[EmulatedHost.LegacyLogin], "/login")}";
        yield return $"    desktop    {new Uri(hosts[EmulatedHost.Desktop], "/index.html")}";
        yield return $"    event bus  {new Uri(hosts[EmulatedHost.EventBus], "/kiwibus")}";
        yield return $"    export     POST {new Uri(hosts[EmulatedHost.Export], "/v1.0/export")}";
        yield return "  today's cloud";
        yield return $"    OneID      {emulator.OneIdRealmUri}";
        yield return $"    auth       {emulator.SolarwattRealmUri}";
        yield return $"    portal     {emulator.PortalUri}";
        yield return $"    HEMS API   {emulator.HemsApiUri}";
        yield return $"  local EM     {new Uri(hosts[EmulatedHost.LocalEnergyManager], "/rest/kiwigrid/wizard/devices")}";
        yield return "Press Ctrl+C to stop.";
    }
}
