using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// The back channel to a realm's token endpoint: a real HTTP POST as a confidential client, as the portal and
/// Keycloak's broker make it. Answers with the tokens, or null when the realm refuses.
/// </summary>
internal sealed class RealmTokenClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public Task<RealmTokens?> ExchangeCodeAsync(Uri tokenEndpoint, string clientId, string secret, string code, string redirectUri, CancellationToken cancellationToken) =>
        RequestAsync(tokenEndpoint, [new("grant_type", "authorization_code"), new("client_id", clientId), new("client_secret", secret),
            new("code", code), new("redirect_uri", redirectUri)], cancellationToken);

    public Task<RealmTokens?> RefreshAsync(Uri tokenEndpoint, string clientId, string secret, string refreshToken, CancellationToken cancellationToken) =>
        RequestAsync(tokenEndpoint, [new("grant_type", "refresh_token"), new("client_id", clientId), new("client_secret", secret),
            new("refresh_token", refreshToken)], cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<RealmTokens?> RequestAsync(Uri tokenEndpoint, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(tokenEndpoint, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body?["access_token"]?.GetValue<string>() is { } accessToken
            ? new RealmTokens(
                accessToken,
                body["refresh_token"]?.GetValue<string>(),
                body["id_token"]?.GetValue<string>(),
                TimeSpan.FromSeconds(body["expires_in"]?.GetValue<double>() ?? 0))
            : null;
    }
}

/// <summary>What a realm's token endpoint hands out.</summary>
internal sealed record RealmTokens(string AccessToken, string? RefreshToken, string? IdToken, TimeSpan ExpiresIn);
