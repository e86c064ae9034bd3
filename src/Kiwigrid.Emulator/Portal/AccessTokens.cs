using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Portal;

/// <summary>
/// Issues and checks accessTokens in the cloud's legacy format:
/// <c>base64(json + "." + base64(signature))</c>, unpadded. The signature is HMAC-SHA1 under the server secret
/// (<see cref="TokenSignatures"/>; [design]: the real algorithm is not public, the 20-byte length is).
/// </summary>
internal sealed class AccessTokens : IDisposable
{
    private static readonly string[] Scopes =
    [
        "manage_devices", "read_app_info", "read_tagvalue_history", "read_users", "manage_users",
        "read_devices", "es_bind_em", "delete_users", "es_read_ems",
    ];

    private readonly TokenSignatures _signatures;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public AccessTokens(EmulatorOptions options)
    {
        _signatures = new TokenSignatures(options.TokenSecret.IsEmpty ? RandomNumberGenerator.GetBytes(32) : options.TokenSecret.ToArray());
        _time = options.TimeProvider;
        _lifetime = options.TokenLifetime;
    }

    /// <summary>A fresh token for <paramref name="userId"/> in the desktop session <paramref name="sessionId"/>.</summary>
    public string Issue(string userId, string sessionId)
    {
        var scopes = new JsonArray();
        foreach (var scope in Scopes)
        {
            scopes.Add((JsonNode)scope);
        }

        // Field order as in the published token.
        var payload = new JsonObject
        {
            ["client_id"] = "kiwigrid.desktop",
            ["user_id"] = userId,
            ["client_type"] = "application",
            ["session_id"] = sessionId,
            ["session"] = new JsonObject { ["type"] = "normal" },
            ["scope"] = scopes,
            ["expiration"] = (_time.GetUtcNow() + _lifetime).ToUnixTimeMilliseconds(),
            ["channel"] = "solarwatt",
            ["accessible_channels"] = new JsonArray("solarwatt"),
        };
        var json = Encoding.UTF8.GetBytes(payload.ToJsonString());
        Span<byte> signature = stackalloc byte[TokenSignatures.Length];
        _signatures.Sign(json, signature);
        var signed = Encoding.UTF8.GetBytes(payload.ToJsonString() + "." + Convert.ToBase64String(signature));
        return Convert.ToBase64String(signed).TrimEnd('=');
    }

    /// <summary>Checks a token; <paramref name="userId"/> is set when it is valid.</summary>
    public AccessTokenValidity Check(string? token, out string? userId)
    {
        userId = null;
        if (string.IsNullOrEmpty(token) || token.Length > 16 * 1024)
        {
            return AccessTokenValidity.Invalid;
        }

        var decoded = new byte[(token.Length + 3) / 4 * 3];
        var padded = token.PadRight((token.Length + 3) / 4 * 4, '=');
        if (!Convert.TryFromBase64String(padded, decoded, out var length))
        {
            return AccessTokenValidity.Invalid;
        }

        var text = Encoding.UTF8.GetString(decoded, 0, length);
        var dot = text.LastIndexOf('.');
        if (dot < 0)
        {
            return AccessTokenValidity.Invalid;
        }

        var signature = new byte[TokenSignatures.Length];
        if (!Convert.TryFromBase64String(text[(dot + 1)..], signature, out var signatureLength) || signatureLength != TokenSignatures.Length)
        {
            return AccessTokenValidity.Invalid;
        }

        Span<byte> expected = stackalloc byte[TokenSignatures.Length];
        _signatures.Sign(Encoding.UTF8.GetBytes(text[..dot]), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return AccessTokenValidity.Invalid;
        }

        // Signed by us, so the payload is ours; still read it defensively.
        if (JsonNode.Parse(text[..dot]) is not JsonObject payload
            || payload["user_id"]?.GetValue<string>() is not { } user
            || payload["expiration"] is not JsonValue expirationNode
            || !expirationNode.TryGetValue<long>(out var expiration))
        {
            return AccessTokenValidity.Invalid;
        }

        if (_time.GetUtcNow().ToUnixTimeMilliseconds() >= expiration)
        {
            return AccessTokenValidity.Expired;
        }

        userId = user;
        return AccessTokenValidity.Valid;
    }

    public void Dispose() => _signatures.Dispose();
}
