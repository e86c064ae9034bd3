using Microsoft.AspNetCore.Http;
using System.Security.Cryptography;
using System.Text;

namespace Kiwigrid.Cli.Serve;

/// <summary>
/// The secret that protects every endpoint when set. Compared in constant time over SHA-256 digests, so neither the
/// content nor the length of the token leaks through timing. Never printed.
/// </summary>
internal sealed class AccessToken
{
    private readonly byte[] _digest;

    public AccessToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public bool Matches(string? candidate) =>
        candidate is not null
        && CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    /// <summary>The token a request carries: <c>Authorization: Bearer …</c>, or <c>?token=</c> for the page and EventSource, which cannot set headers.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Query["token"].FirstOrDefault();
    }

    public override string ToString() => "AccessToken(****)";
}
