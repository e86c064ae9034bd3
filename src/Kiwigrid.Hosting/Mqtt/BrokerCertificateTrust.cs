using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>
/// Decides whether an <c>mqtts://</c> broker's certificate is trusted: what the system trusts, plus the CA
/// certificates of an optional PEM file (a home broker with its own CA). Anything else is refused, never waved
/// through, and the reason is kept so the connection failure can say why in one sentence.
/// </summary>
/// <remarks>
/// MQTTnet's own <c>TrustChain</c> replaces the system's roots with the given ones; a custom check keeps both, so
/// pointing at a private CA never stops a publicly certified broker from working.
/// </remarks>
internal sealed class BrokerCertificateTrust
{
    private readonly X509Certificate2Collection _authorities;
    private readonly string _host;
    private string? _refusal;

    private BrokerCertificateTrust(X509Certificate2Collection authorities, string host)
    {
        _authorities = authorities;
        _host = host;
    }

    /// <summary>Trust for a connection to <paramref name="host"/>, with the certificates of <paramref name="caFile"/> if given.</summary>
    /// <exception cref="KiwigridSetupException">The file is missing, unreadable or holds no PEM certificate.</exception>
    public static BrokerCertificateTrust For(string host, string? caFile) => new(caFile is null ? [] : LoadAuthorities(caFile), host);

    /// <summary>Reads the CA certificates of a PEM file, failing with one sentence that names the file.</summary>
    /// <exception cref="KiwigridSetupException">The file is missing, unreadable or holds no PEM certificate.</exception>
    public static X509Certificate2Collection LoadAuthorities(string caFile)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new KiwigridSetupException($"The MQTT CA file {caFile} cannot be read as PEM certificates: {ex.Message}", ex);
        }

        if (authorities.Count == 0)
        {
            throw new KiwigridSetupException($"The MQTT CA file {caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        return authorities;
    }

    /// <summary>Why the last certificate was refused, then forgotten; null when none was.</summary>
    public string? TakeRefusal() => Interlocked.Exchange(ref _refusal, null);

    /// <summary>MQTTnet's validation callback: true only for a certificate issued for the host by a trusted CA.</summary>
    public bool Validate(MqttClientCertificateValidationEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var refusal = Refusal(args.Certificate, args.Chain, args.SslPolicyErrors);
        Volatile.Write(ref _refusal, refusal);
        return refusal is null;
    }

    private string? Refusal(X509Certificate? presented, X509Chain? systemChain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "it sent no certificate";
        }

        // A trusted CA does not make a certificate for another host acceptable.
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"its certificate is not issued for {_host}";
        }

        var status = ChainStatus(systemChain);
        if (_authorities.Count > 0)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);

            // The file may hold intermediates too. A home CA publishes no revocation list to check.
            chain.ChainPolicy.ExtraStore.AddRange(_authorities);
            if (systemChain is not null)
            {
                // The intermediates the broker sent.
                chain.ChainPolicy.ExtraStore.AddRange(systemChain.ChainPolicy.ExtraStore);
            }

            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain.Build(certificate))
            {
                return null;
            }

            status |= ChainStatus(chain);
        }

        if ((status & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) != 0)
        {
            return "its certificate has expired or is not valid yet";
        }

        if (status.HasFlag(X509ChainStatusFlags.Revoked))
        {
            return "its certificate is revoked";
        }

        if ((status & ~(X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation)) == 0 && status != 0)
        {
            return "its certificate's revocation status cannot be checked";
        }

        return _authorities.Count == 0
            ? "its certificate is not signed by a CA this system trusts and no --mqtt-ca-file was given"
            : "its certificate is signed neither by a CA this system trusts nor by one in --mqtt-ca-file";
    }

    private static X509ChainStatusFlags ChainStatus(X509Chain? chain) =>
        chain is null ? X509ChainStatusFlags.NoError : chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
}
