using Kiwigrid.Cli.Output;
using Kiwigrid.Client;
using Kiwigrid.Client.Local;
using Kiwigrid.Client.Manager;
using Kiwigrid.Client.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// Opens a device on the LAN: asks it what it is (one request for a classic Energy Manager), says so in one line on
/// stderr, and for a Manager flex/rail asks for its gateway password, logs in and finds the API its firmware speaks.
/// A certificate trusted on first use is announced loudly with the fingerprint to pin.
/// </summary>
internal static class LanSources
{
    /// <summary>What some device on the LAN can answer; what none can is refused before asking it what it is.</summary>
    public static SiteCapabilities Capabilities =>
        SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.AllTags | SiteCapabilities.Watch;

    public static async Task<ISiteSource> OpenAsync(
        ConnectionTarget target,
        Func<CancellationToken, Task<Credentials>> managerCredentials,
        CliContext context,
        CancellationToken cancellationToken)
    {
        var address = target.LocalEnergyManager!;
        var origin = address.GetLeftPart(UriPartial.Authority);
        string? trusted = null;
        var options = new ManagerClientOptions
        {
            TlsFingerprint = target.TlsFingerprint,
            TrustOnFirstUse = target.TrustOnFirstUse,
            TimeProvider = context.TimeProvider,
            // The gateway login's retries are worth a line; the watch's failures are told by the commands themselves.
            // With --verbose everything is told anyway.
            LoggerFactory = context.LoggerFactory is NullLoggerFactory
                ? NoteLoggerProvider.Factory(context.Console, "Kiwigrid.Client.Manager.")
                : context.LoggerFactory,
            CertificateTrusted = fingerprint =>
            {
                trusted = fingerprint;
                context.Console.WriteNote(
                    $"WARNING: trusting the HTTPS certificate of {origin} on first use, unchecked: SHA-256 {fingerprint}. If that is your device's, pin it from now on with --tls-fingerprint {fingerprint}.");
            },
        };

        if (await LanDeviceProbe.DetectAsync(address, options, cancellationToken).ConfigureAwait(false) == LanDeviceKind.EnergyManager)
        {
            context.Console.WriteNote($"The device at {origin} is a classic SOLARWATT Energy Manager.");
            return SiteSources.Open(target, null, context.TimeProvider, loggerFactory: context.LoggerFactory);
        }

        var credentials = await managerCredentials(cancellationToken).ConfigureAwait(false);

        // The certificate the probe trusted is the one the source must see: pinned, not trusted afresh.
        var source = new ManagerSiteSource(address, credentials.UserName, credentials.Password, options with
        {
            TlsFingerprint = trusted ?? target.TlsFingerprint,
            TrustOnFirstUse = trusted is null && target.TrustOnFirstUse,
        });
        try
        {
            var api = await source.DetectApiAsync(cancellationToken).ConfigureAwait(false);
            context.Console.WriteNote($"The device at {origin} is a SOLARWATT Manager ({(api == ManagerApi.EnergyOverview ? "energy overview API" : "openHAB items API of older firmware")}).");
            return source;
        }
        catch (Exception ex)
        {
            await source.DisposeAsync().ConfigureAwait(false);
            if (ex is KiwigridAuthenticationException { StatusCode: 401 or 403 })
            {
                throw new CliLoginRefusedException(
                    $"Login failed: the SOLARWATT Manager at {origin} refused the user name or password; check --user (default {Credentials.ManagerDefaultUser}) and the gateway password ({Credentials.ManagerPasswordVariable}, --password-stdin or the prompt).",
                    ex);
            }

            throw;
        }
    }
}
