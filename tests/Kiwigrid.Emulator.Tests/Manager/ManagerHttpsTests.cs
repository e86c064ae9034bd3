using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>The HTTPS Manager: only TLS, a self-signed certificate whose fingerprint the emulator prints, secure cookies.</summary>
public sealed class ManagerHttpsTests : IAsyncLifetime
{
    private ManagerRun _run = null!;

    public async Task InitializeAsync() => _run = await ManagerRun.StartAsync(ManagerOptions.Default with { Https = true });

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Fact]
    public async Task It_answers_over_tls_with_a_certificate_for_its_address_whose_fingerprint_is_printed()
    {
        string? fingerprint = null;
        X509Certificate2? served = null;
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                served = X509CertificateLoader.LoadCertificate(certificate!.RawData);
                fingerprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
                return fingerprint == _run.Emulator.ManagerCertificateFingerprint!.Replace(":", string.Empty, StringComparison.Ordinal);
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = _run.Emulator.ManagerUri };

        using var login = await ManagerRun.PostLoginAsync(http, "installer", "demo");

        Assert.Equal("https", _run.Emulator.ManagerUri!.Scheme);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", _run.Emulator.ManagerCertificateFingerprint);
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Matches("^kiwisessionid=[0-9a-f]{32}; Path=/; HttpOnly; Secure$", Assert.Single(login.Headers.GetValues("Set-Cookie")));
        using (served)
        {
            var names = served!.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Contains(IPAddress.Parse(_run.Emulator.ManagerUri.Host), names.EnumerateIPAddresses());
        }
    }

    [Fact]
    public void The_banner_prints_the_whole_fingerprint_within_80_columns()
    {
        var fingerprint = _run.Emulator.ManagerCertificateFingerprint!;

        var banner = EmulatorBanner.Lines(_run.Emulator, "user demo@example.com  password demo").ToList();

        Assert.All(banner, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        var at = banner.FindIndex(l => l.TrimStart().StartsWith("SHA-256", StringComparison.Ordinal));
        Assert.Equal(fingerprint, banner[at].Trim()["SHA-256".Length..].Trim() + ":" + banner[at + 1].Trim());
        Assert.Contains(banner, l => l.Contains(_run.Emulator.ManagerUri!.ToString(), StringComparison.Ordinal) && l.Contains("new firmware", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_that_does_not_pin_the_certificate_is_refused_by_its_own_tls_check()
    {
        using var http = new HttpClient { BaseAddress = _run.Emulator.ManagerUri };

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/"));
    }

    [Fact]
    public async Task Plain_http_on_the_managers_address_gets_no_sign_in_page()
    {
        using var http = new HttpClient { BaseAddress = new UriBuilder(_run.Emulator.ManagerUri!) { Scheme = "http" }.Uri };

        try
        {
            using var response = await http.GetAsync("/");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The connection closed without an answer: refused too.
        }
    }
}
