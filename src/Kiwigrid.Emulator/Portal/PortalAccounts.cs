using System.Security.Cryptography;
using System.Text;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Portal;

/// <summary>
/// The portal's accounts. Passwords are kept only as salted PBKDF2 hashes, and a login for an unknown user hashes
/// and compares just like one for a known user, so neither the answer nor its timing tells whether a user exists.
/// </summary>
internal sealed class PortalAccounts
{
    private const int Iterations = 10_000;
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(16);
    private readonly Dictionary<string, byte[]> _hashes = new(StringComparer.Ordinal);
    private readonly byte[] _unknownUserHash;

    public PortalAccounts(EmulatorOptions options)
    {
        foreach (var (user, password) in options.Users)
        {
            _hashes[user] = Hash(password);
        }

        _unknownUserHash = Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>True when the user exists and the password is hers.</summary>
    public bool Verify(string userName, string password)
    {
        var known = _hashes.TryGetValue(userName, out var expected);
        var matches = CryptographicOperations.FixedTimeEquals(Hash(password), known ? expected : _unknownUserHash);
        return known && matches;
    }

    private byte[] Hash(string password) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), _salt, Iterations, HashAlgorithmName.SHA256, 32);
}
