namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// Moves <c>/auth/realms/{realm}</c> into the request's path base, so that the one OpenIddict server answers for
/// both realms: OpenIddict takes its issuer and endpoint addresses from the path base, which makes each realm its own
/// issuer with its own discovery document, as in Keycloak.
/// </summary>
internal static class RealmRouting
{
    public static IApplicationBuilder UseRealmRouting(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            foreach (var realm in (string[])[OneIdRealms.Solarwatt, OneIdRealms.OneId])
            {
                if (request.Path.StartsWithSegments(OneIdRealms.PathOf(realm), out var rest))
                {
                    request.PathBase = request.PathBase.Add(OneIdRealms.PathOf(realm));
                    request.Path = rest;
                    break;
                }
            }

            return next(context);
        });
}
