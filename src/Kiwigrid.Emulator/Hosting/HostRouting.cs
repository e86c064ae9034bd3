using Kiwigrid.Emulator.EnergyPortal;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// Serves on each host's own origin only that host's paths (404 otherwise), and sends the one path two hosts share,
/// <c>/rest/auth/auth_grant</c> (the 2018 desktop's and today's portal's), to the right one.
/// </summary>
internal static class HostRouting
{
    public static IApplicationBuilder UseHostRouting(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var address = context.RequestServices.GetRequiredService<EmulatorAddress>();
            var request = context.Request;
            var host = address.HostOf(context);
            if (request.Path.StartsWithSegments(EnergyPortalEndpoints.InternalPrefix))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            var isGrant = request.Path.Equals("/rest/auth/auth_grant", StringComparison.Ordinal);
            if (host is { } own && HostPaths.Owner(request.Path) != own && !(isGrant && own == EmulatedHost.EnergyPortal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            // On the main origin both grants share the path: the realm's codes are JWE compact serialisations (they
            // hold dots), the 2018 login server's are hex.
            if (isGrant && (host == EmulatedHost.EnergyPortal
                || (host is null && request.Query["code"].ToString().Contains('.', StringComparison.Ordinal))))
            {
                request.Path = EnergyPortalEndpoints.GrantPath;
            }

            return next(context);
        });
}
