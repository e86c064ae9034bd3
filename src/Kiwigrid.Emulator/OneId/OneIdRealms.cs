using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// The two Keycloak realms of today's login (PROTOCOL-2024.md): <c>solarwatt</c> on <c>auth.energymanager.com</c>,
/// which brokers to the SOLARWATT OneID provider, and that provider's own realm. [design] The OneID realm's real
/// host and name are not public; <c>oneid</c> is ours.
/// </summary>
internal static class OneIdRealms
{
    public const string Solarwatt = "solarwatt";

    /// <summary>[design] The OneID provider's realm name.</summary>
    public const string OneId = "oneid";

    /// <summary>The identity-provider alias the portal's <c>kc_idp_hint</c> names.</summary>
    public const string ProviderAlias = "solarwatt-oneid";

    /// <summary>The portal's client in the <c>solarwatt</c> realm.</summary>
    public const string PortalClientId = "energy-monitor-home";

    /// <summary>[design] The <c>solarwatt</c> realm's client in the OneID realm (Keycloak's broker).</summary>
    public const string BrokerClientId = "solarwatt-broker";

    public static PathString PathOf(string realm) => new("/auth/realms/" + realm);

    /// <summary>The realm a request is for, taken from the path base the realm routing set; null for none.</summary>
    public static string? RealmOf(HttpRequest request) =>
        request.PathBase.Equals(PathOf(Solarwatt), StringComparison.Ordinal) ? Solarwatt
        : request.PathBase.Equals(PathOf(OneId), StringComparison.Ordinal) ? OneId
        : null;

    /// <summary>
    /// The issuers a realm's tokens may carry: its URL on the main origin and on its host's own origin (OpenIddict
    /// names the issuer after the origin the token was asked for). The HEMS API accepts either.
    /// </summary>
    public static IReadOnlyList<string> IssuersOf(EmulatorAddress address, string realm) =>
        [UrlOf(address.BaseUri, realm), UrlOf(address.Hosts[realm == OneId ? EmulatedHost.OneId : EmulatedHost.SolarwattAuth], realm)];

    /// <summary>The realm's base URL on an origin, without a trailing slash, as Keycloak writes it.</summary>
    public static string UrlOf(Uri origin, string realm) => origin.GetLeftPart(UriPartial.Authority) + PathOf(realm);
}
