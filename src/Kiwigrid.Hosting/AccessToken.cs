using Microsoft.AspNetCore.Http;
using System.Security.Cryptography;
using System.Text;

namespace Kiwigrid.Hosting;

/// <summary>
/// One secret that opens every endpoint, with the name that says whose it is (logged with each change of a setting;
/// the token itself never is). Compared in constant time over SHA-256 digests, so neither the content nor the length
/// of the token leaks through timing. Never printed.
/// </summary>
internal sealed class AccessToken
{
    /// <summary>The name of a token written without one, as before tokens had names.</summary>
    public const string DefaultName = "token";

    private readonly byte[] _digest;

    public AccessToken(string token, string name = DefaultName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        Name = name;
    }

    /// <summary>Whose token it is, e.g. <c>kitchen-tablet</c>; safe to log.</summary>
    public string Name { get; }

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

    public override string ToString() => $"AccessToken({Name}, ****)";
}
