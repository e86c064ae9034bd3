using Kiwigrid.Emulator.OneId;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>Which emulated host owns a request path; a host's own origin serves only the paths it owns.</summary>
internal static class HostPaths
{
    public static EmulatedHost? Owner(PathString path)
    {
        if (path.StartsWithSegments(OneIdRealms.PathOf(OneIdRealms.OneId)))
        {
            return EmulatedHost.OneId;
        }

        if (path.StartsWithSegments(OneIdRealms.PathOf(OneIdRealms.Solarwatt)))
        {
            return EmulatedHost.SolarwattAuth;
        }

        if (path.StartsWithSegments("/v11"))
        {
            return EmulatedHost.HemsApi;
        }

        if (path.StartsWithSegments("/kiwibus"))
        {
            return EmulatedHost.EventBus;
        }

        return path.Value switch
        {
            "/login" or "/authorize" => EmulatedHost.LegacyLogin,
            "/rest/auth/auth_grant" or "/index.html" or "/js/context.js" => EmulatedHost.Desktop,
            "/v1.0/export" => EmulatedHost.Export,
            "/rest/kiwigrid/wizard/devices" => EmulatedHost.LocalEnergyManager,
            "/context" or "/" => EmulatedHost.EnergyPortal,
            _ => null,
        };
    }
}
