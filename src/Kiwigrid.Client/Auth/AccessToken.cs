using System.Text;
using System.Text.Json;

namespace Kiwigrid.Client.Auth;

/// <summary>
/// The portal's access token. <see cref="Value"/> is sent as is; the other properties are what the token says about
/// itself when it can be decoded (the legacy <c>base64(json + "." + signature)</c> shape or a JWT), null otherwise.
/// </summary>
public sealed class AccessToken
{
    /// <summary>Wraps a token string and decodes what it can.</summary>
    /// <param name="value">The token exactly as the portal issued it.</param>
    public AccessToken(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        if (TryDecodeClaims(value) is { } claims)
        {
            User = String(claims, "user_id") ?? String(claims, "sub");
            ClientId = String(claims, "client_id") ?? String(claims, "azp");
            Channel = String(claims, "channel");
            SessionId = String(claims, "session_id") ?? String(claims, "sid");
            Scopes = ReadScopes(claims);
            Expiration = ReadExpiration(claims);
        }
    }

    /// <summary>The token as issued; opaque, sent unchanged. Never logged or printed by this library.</summary>
    public string Value { get; }

    /// <summary>The login the token belongs to, if decodable.</summary>
    public string? User { get; }

    /// <summary>The granted scopes (e.g. <c>read_devices</c>), if decodable.</summary>
    public IReadOnlyList<string>? Scopes { get; }

    /// <summary>When the token expires, if decodable.</summary>
    public DateTimeOffset? Expiration { get; }

    /// <summary>The OAuth client the token was issued to (<c>kiwigrid.desktop</c>), if decodable.</summary>
    public string? ClientId { get; }

    /// <summary>The portal channel (<c>solarwatt</c>), if decodable.</summary>
    public string? Channel { get; }

    /// <summary>The portal session id, if decodable.</summary>
    public string? SessionId { get; }

    /// <summary>
    /// Whether the token's own expiry has passed. An undecodable token never counts as expired here: the server says
    /// so with code 419.
    /// </summary>
    public bool IsExpired(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Expiration is { } expiration && timeProvider.GetUtcNow() >= expiration;
    }

    /// <summary>The user and expiry; the token itself is redacted.</summary>
    public override string ToString() =>
        $"AccessToken(user: {User ?? "unknown"}, expires: {Expiration?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, value: [redacted])";

    private static JsonElement? TryDecodeClaims(string value)
    {
        var parts = value.Split('.');

        // JWT: header.payload.signature, each base64url.
        if (parts.Length == 3 && DecodeBase64(parts[1]) is { } payload && ParseObject(payload) is { } jwtClaims)
        {
            return jwtClaims;
        }

        // Legacy: base64(json + "." + base64(signature)); the signature's base64 has no '.', the JSON may.
        if (DecodeBase64(value) is { } decoded)
        {
            var text = Encoding.UTF8.GetString(decoded);
            var dot = text.LastIndexOf('.');
            if (dot > 0 && ParseObject(Encoding.UTF8.GetBytes(text[..dot])) is { } legacyClaims)
            {
                return legacyClaims;
            }
        }

        return null;
    }

    private static byte[]? DecodeBase64(string text)
    {
        // Unpadded and possibly URL-safe: normalise to the standard alphabet with padding.
        var builder = new StringBuilder(text.Length + 3);
        foreach (var ch in text)
        {
            builder.Append(ch switch { '-' => '+', '_' => '/', _ => ch });
        }

        var trimmed = builder.ToString().TrimEnd('=');
        var padded = (trimmed.Length % 4) switch
        {
            0 => trimmed,
            2 => trimmed + "==",
            3 => trimmed + "=",
            _ => null,
        };
        if (padded is null)
        {
            return null;
        }

        var buffer = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }

    private static JsonElement? ParseObject(byte[] utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            var element = JsonElement.ParseValue(ref reader);
            return element.ValueKind == JsonValueKind.Object ? element : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string[]? ReadScopes(JsonElement claims)
    {
        if (!claims.TryGetProperty("scope", out var scope))
        {
            return null;
        }

        return scope.ValueKind switch
        {
            JsonValueKind.Array => [.. scope.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)],

            // OAuth/JWT style: one space-separated string.
            JsonValueKind.String => scope.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            _ => null,
        };
    }

    private static DateTimeOffset? ReadExpiration(JsonElement claims)
    {
        // Legacy "expiration" is epoch ms, JWT "exp" epoch seconds; both are read either way.
        foreach (var name in (ReadOnlySpan<string>)["expiration", "exp"])
        {
            if (claims.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var raw))
            {
                return EpochTime.FromSecondsOrMilliseconds(raw);
            }
        }

        return null;
    }
}
