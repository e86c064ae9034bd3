using System.Security.Cryptography;
using System.Text;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// The two confidential clients the realms know: the portal in the <c>solarwatt</c> realm and the <c>solarwatt</c>
/// realm's broker in the OneID realm. Their secrets are drawn per run and never leave the emulator. A redirect URI
/// must be the client's callback on one of the emulator's own origins (the main one or the callback host's own).
/// </summary>
internal sealed class RealmClients(EmulatorAddress address)
{
    /// <summary>The portal's callback path.</summary>
    public const string PortalCallbackPath = "/rest/auth/auth_grant";

    /// <summary>The broker's callback path, below the <c>solarwatt</c> realm.</summary>
    public const string BrokerCallbackPath = "/broker/" + OneIdRealms.ProviderAlias + "/endpoint";

    private readonly byte[] _portalSecret = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
    private readonly byte[] _brokerSecret = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));

    public string PortalSecret => Encoding.ASCII.GetString(_portalSecret);

    public string BrokerSecret => Encoding.ASCII.GetString(_brokerSecret);

    /// <summary>True when the client id is the realm's client.</summary>
    public static bool Knows(string realm, string? clientId) => clientId == ClientOf(realm);

    public bool AcceptsRedirect(string realm, string? redirectUri)
    {
        if (redirectUri is null || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var (host, path) = realm == OneIdRealms.Solarwatt
            ? (EmulatedHost.EnergyPortal, PortalCallbackPath)
            : (EmulatedHost.SolarwattAuth, OneIdRealms.PathOf(OneIdRealms.Solarwatt) + BrokerCallbackPath);
        var expected = (string[])[address.BaseUri.GetLeftPart(UriPartial.Authority) + path, address.Hosts[host].GetLeftPart(UriPartial.Authority) + path];
        return string.IsNullOrEmpty(uri.Query) && expected.Contains(uri.GetLeftPart(UriPartial.Path), StringComparer.Ordinal);
    }

    public bool Authenticates(string realm, string? clientId, string? secret)
    {
        if (!Knows(realm, clientId) || secret is null)
        {
            return false;
        }

        var expected = realm == OneIdRealms.Solarwatt ? _portalSecret : _brokerSecret;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(secret), expected);
    }

    private static string ClientOf(string realm) => realm == OneIdRealms.Solarwatt ? OneIdRealms.PortalClientId : OneIdRealms.BrokerClientId;
}
