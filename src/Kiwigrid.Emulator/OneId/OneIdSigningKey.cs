using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// The key the emulated <c>solarwatt</c> realm signs its access tokens with (RS256, as Keycloak does); the realm
/// publishes it in its JWKS and the emulated HEMS API checks bearer tokens against it, as the real API checks
/// Keycloak's. Made afresh for each emulator process and shared by the emulators it starts: an RSA key takes a
/// good part of a second to make, which every test starting an emulator would otherwise pay.
/// </summary>
internal sealed class OneIdSigningKey
{
    private static readonly Lazy<RsaSecurityKey> ProcessKey = new(() =>
        new RsaSecurityKey(RSA.Create(2048)) { KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) });

    public OneIdSigningKey()
    {
        Key = ProcessKey.Value;
    }

    public RsaSecurityKey Key { get; }
}
