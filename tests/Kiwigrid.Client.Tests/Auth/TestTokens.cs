using System.Text;

namespace Kiwigrid.Client.Tests.Auth;

/// <summary>Tokens in the shapes the portal issues, built the way PROTOCOL.md describes them.</summary>
internal static class TestTokens
{
    public const string LegacyJson =
        """{"client_id":"kiwigrid.desktop","user_id":"jane@example.org","client_type":"application","session_id":"7d9c7f7e-0c4f-4c1e-9a57-1a2b3c4d5e6f","session":{"type":"normal"},"scope":["manage_devices","read_app_info","read_tagvalue_history","read_users","manage_users","read_devices","es_bind_em","delete_users","es_read_ems"],"expiration":1518788227171,"channel":"solarwatt","accessible_channels":["solarwatt"]}""";

    /// <summary><c>base64(json + "." + base64(20-byte signature))</c>, unpadded; url-safe on request.</summary>
    public static string Legacy(string json = LegacyJson, bool urlSafe = false)
    {
        var signature = Convert.ToBase64String(Enumerable.Range(200, 20).Select(i => (byte)i).ToArray());
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(json + "." + signature)).TrimEnd('=');
        return urlSafe ? token.Replace('+', '-').Replace('/', '_') : token;
    }

    public static string Jwt(string payloadJson)
    {
        static string B64Url(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64Url("""{"alg":"HS256","typ":"JWT"}""") + "." + B64Url(payloadJson) + ".c2lnbmF0dXJl";
    }
}
