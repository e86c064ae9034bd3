using System.Net;
using System.Net.Http.Headers;
using Kiwigrid.Hosting;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// <c>kiwigrid serve --allow-origin</c>: the CORS headers of the read-only API, as a browser would ask for them,
/// against the real server on loopback.
/// </summary>
public sealed class CrossOriginTests
{
    private const string Token = "0123456789abcdef-test-token";
    private const string Website = "https://example.org";
    private const string Display = "http://192.168.1.5:8080";

    [Fact]
    public async Task An_allowed_origin_reads_the_api_the_event_stream_and_healthz_and_gets_its_own_origin_back()
    {
        await using var server = await OneReadingServer.StartAsync(null, Website, Display);

        foreach (var origin in new[] { Website, Display })
        {
            foreach (var path in new[] { "api/energy-flow", "api/devices", "healthz", "api/devices/urn:nothing" })
            {
                using var response = await SendAsync(server.Http, HttpMethod.Get, path, origin);
                Assert.Equal(origin, AllowOrigin(response));
                Assert.Contains("Origin", response.Headers.Vary);
                Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"), "serve takes no cookies, so it allows no credentials");
            }
        }

        using var events = await SendAsync(server.Http, HttpMethod.Get, "api/events", Website, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Website, AllowOrigin(events));
    }

    [Fact]
    public async Task Another_origin_gets_the_answer_without_cors_headers_and_the_dashboard_and_metrics_stay_same_origin()
    {
        await using var server = await OneReadingServer.StartAsync(null, Website);

        // A different scheme or port is a different origin; the server answers as usual, and the browser blocks the page.
        foreach (var origin in new[] { "https://evil.example", "http://example.org", "https://example.org:8443", "null" })
        {
            using var response = await SendAsync(server.Http, HttpMethod.Get, "api/energy-flow", origin);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(AllowOrigin(response));
            Assert.Contains("Origin", response.Headers.Vary);
        }

        foreach (var path in new[] { "", "metrics" })
        {
            using var response = await SendAsync(server.Http, HttpMethod.Get, path, Website);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(AllowOrigin(response));
            using var preflight = await PreflightAsync(server.Http, path, Website);
            Assert.NotEqual(HttpStatusCode.NoContent, preflight.StatusCode);
            Assert.Null(AllowOrigin(preflight));
        }
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_allows_get_with_the_authorization_header_and_nothing_else()
    {
        await using var server = await OneReadingServer.StartAsync(null, Website);

        using var preflight = await PreflightAsync(server.Http, "api/energy-flow", Website, "authorization");
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Website, AllowOrigin(preflight));
        Assert.Equal("GET", Single(preflight, "Access-Control-Allow-Methods"));
        Assert.Equal("Authorization", Single(preflight, "Access-Control-Allow-Headers"));
        Assert.Equal("600", Single(preflight, "Access-Control-Max-Age"));
        Assert.Contains("Origin", preflight.Headers.Vary);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Private-Network"));

        // Chromium's question before a public website's page reaches a server at home.
        using var homeServer = await PreflightAsync(server.Http, "api/energy-flow", Website, privateNetwork: true);
        Assert.Equal("true", Single(homeServer, "Access-Control-Allow-Private-Network"));

        // Nothing that writes, and nobody else: a plain 204 without CORS headers, which the browser takes as a refusal.
        foreach (var (origin, method) in new[] { (Website, "POST"), (Website, "DELETE"), ("https://evil.example", "GET") })
        {
            using var refused = await PreflightAsync(server.Http, "api/energy-flow", origin, method: method);
            Assert.Equal(HttpStatusCode.NoContent, refused.StatusCode);
            Assert.Null(AllowOrigin(refused));
            Assert.False(refused.Headers.Contains("Access-Control-Allow-Methods"));
            Assert.False(refused.Headers.Contains("Access-Control-Allow-Headers"));
        }
    }

    [Fact]
    public async Task With_an_access_token_the_preflight_needs_none_the_read_does_and_a_refusal_is_readable_by_the_page()
    {
        await using var server = await OneReadingServer.StartAsync(AccessTokens.Single(Token), Website);

        // A browser never sends the token with a preflight.
        using var preflight = await PreflightAsync(server.Http, "api/energy-flow", Website, "authorization");
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Website, AllowOrigin(preflight));

        using var read = await SendAsync(server.Http, HttpMethod.Get, "api/energy-flow", Website, token: Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(Website, AllowOrigin(read));
        Assert.Contains("\"pvPowerW\"", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // EventSource cannot set headers: the token goes in the query.
        using var events = await SendAsync(server.Http, HttpMethod.Get, "api/events?token=" + Token, Website, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(Website, AllowOrigin(events));

        // Without the token: a 401 the page can read (and tell its user about), not an opaque network error.
        using var refused = await SendAsync(server.Http, HttpMethod.Get, "api/energy-flow", Website);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(Website, AllowOrigin(refused));
        Assert.Contains("unauthorized", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another website gets the same 401, without CORS headers; the dashboard and metrics stay behind the token.
        using var other = await SendAsync(server.Http, HttpMethod.Get, "api/energy-flow", "https://evil.example", token: Token);
        Assert.Null(AllowOrigin(other));
        using var metrics = await SendAsync(server.Http, HttpMethod.Get, "metrics", Website);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        Assert.Null(AllowOrigin(metrics));
    }

    [Fact]
    public async Task Any_origin_gets_a_star_the_same_for_everyone_without_credentials()
    {
        await using var server = await OneReadingServer.StartAsync(AccessTokens.Single(Token), AllowedOrigins.Any);

        foreach (var origin in new[] { Website, "http://127.0.0.1:5500", "null", null })
        {
            using var read = await SendAsync(server.Http, HttpMethod.Get, "api/energy-flow", origin, token: Token);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("*", AllowOrigin(read));
            Assert.DoesNotContain("Origin", read.Headers.Vary);
            Assert.False(read.Headers.Contains("Access-Control-Allow-Credentials"));
        }

        using var preflight = await PreflightAsync(server.Http, "healthz", "https://anything.example", "authorization");
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("*", AllowOrigin(preflight));
        Assert.Equal("Authorization", Single(preflight, "Access-Control-Allow-Headers"));
        using var dashboard = await SendAsync(server.Http, HttpMethod.Get, "?token=" + Token, Website);
        Assert.Null(AllowOrigin(dashboard));
    }

    [Fact]
    public async Task Without_the_option_there_are_no_cors_headers_at_all()
    {
        await using var server = await OneReadingServer.StartAsync();

        foreach (var path in new[] { "api/energy-flow", "healthz", "" })
        {
            using var response = await SendAsync(server.Http, HttpMethod.Get, path, Website);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("Origin", response.Headers.Vary);
        }

        using var preflight = await PreflightAsync(server.Http, "api/energy-flow", Website, "authorization");
        Assert.NotEqual(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.DoesNotContain(preflight.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("https://Example.ORG/", "https://example.org")]
    [InlineData("https://example.org:443", "https://example.org")]
    [InlineData("http://example.org:80", "http://example.org")]
    [InlineData("http://192.168.1.5:8080", "http://192.168.1.5:8080")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    public void An_origin_is_matched_as_the_browser_writes_it(string given, string sentByBrowser)
    {
        var origins = AllowedOrigins.Parse([given], "--allow-origin")!;

        Assert.True(origins.Allows(sentByBrowser));
        Assert.False(origins.AnyOrigin);
        Assert.False(origins.Allows(sentByBrowser + "1"));
        Assert.False(origins.Allows(sentByBrowser.Replace("http", "ws", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("example.org")]
    [InlineData("https://example.org/dashboard")]
    [InlineData("https://example.org/?x=1")]
    [InlineData("https://example.org#top")]
    [InlineData("https://me@example.org")]
    [InlineData("ftp://example.org")]
    [InlineData("file:///srv/page.html")]
    [InlineData("null")]
    [InlineData("**")]
    public async Task Anything_but_an_origin_or_a_star_is_a_usage_error_with_a_sentence(string value)
    {
        var outcome = await new CliRun().WithDemoUser().RunAsync("serve", "--cloud", "legacy", "--server", "http://127.0.0.1:9", "--allow-origin", "https://example.org", "--allow-origin", value);

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains($"--allow-origin takes * or an origin such as https://example.org", outcome.Error, StringComparison.Ordinal);
        Assert.Contains($"not '{value}'.", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_origin_without_an_access_token_is_refused_since_every_website_visited_could_read_the_server()
    {
        var outcome = await new CliRun().WithDemoUser().RunAsync("serve", "--cloud", "legacy", "--server", "http://127.0.0.1:9", "--urls", "http://127.0.0.1:0", "--allow-origin", "*");

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains("--allow-origin * lets every website you visit read this server", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_passes_its_allowed_origins_and_token_to_the_server()
    {
        await using var served = await ServedHome.StartAsync(
            new Dictionary<string, string> { ["KIWIGRID_SERVE_TOKEN"] = Token }, "--allow-origin", Website, "--allow-origin", Display);
        served.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await served.WaitForFirstSnapshotAsync();
        Assert.Contains($"Pages of {string.Join(", ", new[] { Website, Display }.Order(StringComparer.Ordinal))} may read /api/* and /healthz", served.Error, StringComparison.Ordinal);
        // From here each request carries what a browser would send: a preflight never has the token.
        served.Http.DefaultRequestHeaders.Authorization = null;

        foreach (var origin in new[] { Website, Display })
        {
            using var read = await SendAsync(served.Http, HttpMethod.Get, "api/energy-flow", origin, token: Token);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(origin, AllowOrigin(read));
        }

        using var other = await SendAsync(served.Http, HttpMethod.Get, "api/energy-flow", "https://evil.example", token: Token);
        Assert.Null(AllowOrigin(other));
        using var preflight = await PreflightAsync(served.Http, "api/energy-flow", Website, "authorization");
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Website, AllowOrigin(preflight));
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient http,
        HttpMethod method,
        string path,
        string? origin,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, completion);
    }

    /// <summary>A browser's preflight: OPTIONS with the origin, the method and the headers the page's request will use.</summary>
    private static async Task<HttpResponseMessage> PreflightAsync(
        HttpClient http, string path, string origin, string? headers = null, string method = "GET", bool privateNetwork = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        if (privateNetwork)
        {
            request.Headers.Add("Access-Control-Request-Private-Network", "true");
        }

        return await http.SendAsync(request);
    }

    private static string? AllowOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? Assert.Single(values) : null;

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.GetValues(header));
}
