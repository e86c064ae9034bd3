using System.Security.Cryptography;
using Kiwigrid.Client.Manager;

namespace Kiwigrid.Client.Tests.Manager;

/// <summary>A Manager serving HTTPS with a self-signed certificate (a real TLS listener on loopback).</summary>
public sealed class ManagerTlsTests
{
    private static string FingerprintOf(FakeManager manager) =>
        string.Join(':', Convert.ToHexString(manager.Certificate!.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(p => new string(p)));

    private static ManagerSiteSource Source(FakeManager manager, ManagerClientOptions options) =>
        new(manager.BaseUri, FakeManager.User, FakeManager.Password, options);

    [Fact]
    public async Task An_unknown_self_signed_certificate_is_refused_with_its_fingerprint_and_how_to_pin_it()
    {
        await using var manager = await FakeManager.StartAsync(https: true);
        await using var source = Source(manager, ManagerClientOptions.Default);

        var error = await Assert.ThrowsAsync<KiwigridCertificateException>(() => source.GetDevicesAsync());

        Assert.Equal(FingerprintOf(manager), error.Fingerprint);
        Assert.Contains($"SHA-256 {FingerprintOf(manager)}); if it is the device's own, pin that fingerprint.", error.Message, StringComparison.Ordinal);
        Assert.Empty(manager.Requests);
    }

    [Fact]
    public async Task A_pinned_fingerprint_is_accepted_whatever_its_case_and_colons()
    {
        await using var manager = await FakeManager.StartAsync(https: true);
        var typed = FingerprintOf(manager).Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
        await using var source = Source(manager, new ManagerClientOptions { TlsFingerprint = typed });

        Assert.Equal(5, (await source.GetDevicesAsync()).Count);
        Assert.Equal(FingerprintOf(manager), source.PinnedCertificateFingerprint);
    }

    [Fact]
    public async Task Another_pinned_fingerprint_is_refused()
    {
        await using var manager = await FakeManager.StartAsync(https: true);
        await using var source = Source(manager, new ManagerClientOptions { TlsFingerprint = new string('A', 64), TrustOnFirstUse = true });

        var error = await Assert.ThrowsAsync<KiwigridCertificateException>(() => source.GetDevicesAsync());

        Assert.Equal(FingerprintOf(manager), error.Fingerprint);
    }

    [Fact]
    public async Task Trust_on_first_use_pins_the_first_certificate_and_reports_it_once()
    {
        await using var manager = await FakeManager.StartAsync(https: true);
        var reported = new List<string>();
        await using var source = Source(manager, new ManagerClientOptions { TrustOnFirstUse = true, CertificateTrusted = reported.Add });

        await source.GetDevicesAsync();
        await source.GetDevicesAsync();

        Assert.Equal([FingerprintOf(manager)], reported);
        Assert.Equal(FingerprintOf(manager), source.PinnedCertificateFingerprint);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ZZ:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00")]
    public void A_fingerprint_that_is_not_sha256_is_refused_at_once(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => new ManagerClientOptions { TlsFingerprint = text });

        Assert.StartsWith("The TLS fingerprint must be a SHA-256 fingerprint", error.Message, StringComparison.Ordinal);
    }
}
