namespace Kiwigrid.Cli.Connection;

/// <summary>The three addresses of today's SOLARWATT cloud (<c>--cloud hems</c>).</summary>
/// <param name="OneIdRealm">The OneID (Keycloak) realm that logs the user in.</param>
/// <param name="Portal">The web portal, the OAuth client's origin.</param>
/// <param name="Api">The HEMS API's base, ending in its version.</param>
internal sealed record HemsEndpoints(Uri OneIdRealm, Uri Portal, Uri Api)
{
    /// <summary>The real cloud's addresses (docs/PROTOCOL-2024.md).</summary>
    public static HemsEndpoints Default { get; } = new(
        new Uri("https://auth.energymanager.com/auth/realms/solarwatt"),
        new Uri("https://new.energymanager.com"),
        new Uri("https://hems.kiwigrid.com/v11"));

    /// <summary>One server serving every host, such as the emulator: the realm, the portal and the API below its root.</summary>
    public static HemsEndpoints ForServer(Uri server)
    {
        var root = server.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new HemsEndpoints(new Uri($"{root}/auth/realms/solarwatt"), new Uri($"{root}/"), new Uri($"{root}/v11/"));
    }
}
