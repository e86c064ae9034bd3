using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// The key the emulated <c>solarwatt</c> realm signs its access tokens with, made afresh for each emulator run; the
/// realm publishes it in its JWKS and the emulated HEMS API checks bearer tokens against it, as the real API checks
/// Keycloak's.
/// </summary>
internal sealed class OneIdSigningKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public OneIdSigningKey()
    {
        Key = new RsaSecurityKey(_rsa) { KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) };
    }

    public RsaSecurityKey Key { get; }

    public void Dispose() => _rsa.Dispose();
}
