using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiwigrid.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Tests.Manager;

/// <summary>
/// A SOLARWATT Manager on loopback as the documented wire has it (PROTOCOL-NOTES, "The Manager flex/rail on the LAN"):
/// the sign-in page, the login form with its cookie, sessions a test can end, login outages, old or new firmware, and
/// optionally HTTPS with a self-signed certificate.
/// </summary>
internal sealed class FakeManager : IAsyncDisposable
{
    public const string User = "installer";
    public const string Password = "gateway-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _sessions = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private int _sessionCounter;

    private FakeManager(WebApplication app, Uri baseUri, X509Certificate2? certificate)
    {
        _app = app;
        BaseUri = baseUri;
        Certificate = certificate;
    }

    public Uri BaseUri { get; }

    public X509Certificate2? Certificate { get; }

    /// <summary>Whether it answers like old firmware: openHAB items, 401 without a session.</summary>
    public bool OldFirmware { get; init; }

    /// <summary>Statuses the next logins answer with before one succeeds (500, 504, …).</summary>
    public ConcurrentQueue<int> LoginOutages { get; } = new();

    /// <summary>How many logins succeeded.</summary>
    public int Logins => _sessionCounter;

    /// <summary>Every request as "METHOD /path", in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<FakeManager> StartAsync(bool oldFirmware = false, bool https = false)
    {
        var certificate = https ? SelfSignedCertificate() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();

        // The fake needs the address, known only once the app runs: requests wait for it behind this box.
        var self = new TaskCompletionSource<FakeManager>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Run(async context => await (await self.Task).HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var manager = new FakeManager(app, new Uri(address), certificate) { OldFirmware = oldFirmware };
        self.SetResult(manager);
        return manager;
    }

    /// <summary>Ends every session, as the Manager does 15 minutes after a login.</summary>
    public void EndSessions()
    {
        foreach (var key in _sessions.Keys)
        {
            _sessions[key] = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.Enqueue($"{context.Request.Method} {path}");
        var response = context.Response;
        if (path is "/" or "/logon.html")
        {
            await SignInPage(response);
            return;
        }

        if (path == "/auth/login" && HttpMethods.IsPost(context.Request.Method))
        {
            await LoginAsync(context);
            return;
        }

        if (!path.StartsWith("/rest/", StringComparison.Ordinal))
        {
            response.StatusCode = 404;
            return;
        }

        var cookie = context.Request.Cookies["kiwisessionid"];
        if (cookie is null || !_sessions.TryGetValue(cookie, out var live) || !live)
        {
            if (OldFirmware)
            {
                response.StatusCode = 401;
            }
            else
            {
                await SignInPage(response);
            }

            return;
        }

        var fixture = (OldFirmware, path) switch
        {
            (false, "/rest/hems-configurator/energy-overview") => "energy-overview-site-2.json",
            (false, "/rest/hems-configurator/things") => "hems-configurator-things-site.json",
            _ => null,
        };
        string? json = fixture is null ? null : await File.ReadAllTextAsync(RepoPaths.Fixture("manager", fixture));
        json ??= (OldFirmware, path) switch
        {
            (true, "/rest/items") => """
                [{"name":"kiwigrid_location_standard_loc_harmonized_power_produced","state":"329 W"},
                 {"name":"kiwigrid_location_standard_loc_harmonized_power_consumed","state":"445 W"},
                 {"name":"kiwigrid_location_standard_loc_harmonized_power_in","state":"9 W"},
                 {"name":"kiwigrid_location_standard_loc_harmonized_power_out","state":"0 W"},
                 {"name":"kiwigrid_location_standard_loc_harmonized_power_buffered","state":"0 W"},
                 {"name":"kiwigrid_location_standard_loc_harmonized_power_released","state":"107 W"},
                 {"name":"kiwigrid_location_standard_loc_harmonized_work_in_total","state":"1714131600000|1.5 kWh"},
                 {"name":"foxesshybrid_battery_sn_harmonized_state_of_charge","state":"61 %"}]
                """,
            (true, "/rest/things") => """[{"UID":"kiwigrid-location:standard:loc","thingTypeUID":"kiwigrid-location:standard"},{"UID":"foxesshybrid:battery:sn","thingTypeUID":"foxesshybrid:battery"}]""",
            _ => null,
        };
        if (json is null)
        {
            response.StatusCode = 404;
            return;
        }

        response.ContentType = "application/json";
        await response.WriteAsync(json);
    }

    private async Task LoginAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (LoginOutages.TryDequeue(out var outage))
        {
            context.Response.StatusCode = outage;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Gateway Timeout</body></html>");
            return;
        }

        if (form["username"] != User || form["password"] != Password || form["url"] != "/" || form["submit"] != "Login")
        {
            await SignInPage(context.Response);
            return;
        }

        var session = $"s{Interlocked.Increment(ref _sessionCounter)}-{Guid.NewGuid():N}";
        _sessions[session] = true;
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = "/";
        context.Response.Headers.SetCookie = $"kiwisessionid={session}; Path=/; HttpOnly";
    }

    private static async Task SignInPage(HttpResponse response)
    {
        response.ContentType = "text/html; charset=utf-8";
        await response.SendFileAsync(RepoPaths.Fixture("manager", "signin.html"));
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=manager.local", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
