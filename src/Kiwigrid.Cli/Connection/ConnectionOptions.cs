using System.CommandLine;
using Kiwigrid.Client;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Manager;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Sources;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// The options that say which server a reading command talks to: one of the two clouds (<c>--cloud</c>, today's
/// SOLARWATT cloud by default), one server such as the emulator (<c>--server</c>), a cloud's bases separately, or a local Energy
/// Manager (<c>--local</c>).
/// </summary>
internal sealed class ConnectionOptions
{
    /// <summary>
    /// A Manager's gateway login, asked once per run: serve opens the site again after a failure that passes (a login
    /// answered with 5xx), and by then standard input has been read and the user has answered the prompt.
    /// </summary>
    private Credentials? _managerCredentials;

    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Base URL of one server serving every host of the chosen cloud, such as the emulator (e.g. http://127.0.0.1:8080).",
        HelpName = "url",
    };

    public Option<string?> AuthUrl { get; } = new("--auth-url")
    {
        Description = "With --cloud legacy: base URL of the login server (default https://auth.energy-manager.de).",
        HelpName = "url",
    };

    public Option<string?> DesktopUrl { get; } = new("--desktop-url")
    {
        Description = "With --cloud legacy: base URL of the desktop web app (default https://desktop.energy-manager.de).",
        HelpName = "url",
    };

    public Option<string?> BusUrl { get; } = new("--bus-url")
    {
        Description = "With --cloud legacy: URL of the SockJS event bus (default wss://cloud.kiwigrid.com/kiwibus).",
        HelpName = "url",
    };

    public Option<string?> ExportUrl { get; } = new("--export-url")
    {
        Description = "With --cloud legacy: base URL of the history export backend (default https://solarwatt-exportbackend.kiwigrid.com).",
        HelpName = "url",
    };

    public Option<string?> Cloud { get; } = new("--cloud")
    {
        Description = "Which cloud to log in to: hems (today's SOLARWATT cloud, OneID and the HEMS API; default) or legacy (the 2018 Kiwigrid event bus).",
        HelpName = "hems|legacy",
    };

    public Option<string?> OneIdUrl { get; } = new("--oneid-url")
    {
        Description = "With --cloud hems: the OneID login realm (default https://auth.energymanager.com/auth/realms/solarwatt).",
        HelpName = "url",
    };

    public Option<string?> PortalUrl { get; } = new("--portal-url")
    {
        Description = "With --cloud hems: the SOLARWATT portal (default https://new.energymanager.com).",
        HelpName = "url",
    };

    public Option<string?> HemsUrl { get; } = new("--hems-url")
    {
        Description = "With --cloud hems: the HEMS API base (default https://hems.kiwigrid.com/v11).",
        HelpName = "url",
    };

    public Option<string?> StateDir { get; } = new("--state-dir")
    {
        Description = "With --cloud hems: where serve keeps the lifetime energy counters, one file per user (default $XDG_STATE_HOME/kiwigrid or ~/.local/state/kiwigrid); other commands show the counters found there.",
        HelpName = "dir",
    };

    public Option<string?> Local { get; } = new("--local")
    {
        Description = "Read a SOLARWATT device on the LAN instead of the cloud (e.g. http://192.168.1.20): a classic Energy Manager needs no login, a Manager flex/rail its gateway password (user installer unless --user; KIWIGRID_MANAGER_PASSWORD, --password-stdin or a prompt).",
        HelpName = "url",
    };

    public Option<string?> TlsFingerprint { get; } = new("--tls-fingerprint")
    {
        Description = "With --local https://…: accept the device's self-signed certificate with this SHA-256 fingerprint (hex, colons optional).",
        HelpName = "sha256",
    };

    public Option<bool> TrustOnFirstUse { get; } = new("--tls-trust-on-first-use")
    {
        Description = "With --local https://…: accept the device's self-signed certificate the first time and print its fingerprint to pin with --tls-fingerprint.",
    };

    public Option<string?> UserName { get; } = new("--user", "-u")
    {
        Description = "Portal user name (default: the KIWIGRID_USERNAME environment variable, else a prompt).",
        HelpName = "name",
    };

    public Option<bool> PasswordStdin { get; } = new("--password-stdin")
    {
        Description = "Read the password from the first line of standard input (default: KIWIGRID_PASSWORD, else a hidden prompt).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(AuthUrl);
        command.Options.Add(DesktopUrl);
        command.Options.Add(BusUrl);
        command.Options.Add(ExportUrl);
        command.Options.Add(Cloud);
        command.Options.Add(OneIdUrl);
        command.Options.Add(PortalUrl);
        command.Options.Add(HemsUrl);
        command.Options.Add(StateDir);
        command.Options.Add(Local);
        command.Options.Add(TlsFingerprint);
        command.Options.Add(TrustOnFirstUse);
        command.Options.Add(UserName);
        command.Options.Add(PasswordStdin);
    }

    /// <summary>Reads the options into a target; throws <see cref="CliUsageException"/> on a bad combination or URL.</summary>
    public ConnectionTarget Resolve(ParseResult parseResult)
    {
        var cloud = parseResult.GetValue(Cloud);
        var server = parseResult.GetValue(Server);
        var legacyOnly = Given(parseResult, AuthUrl, DesktopUrl, BusUrl, ExportUrl);
        var hemsOnly = Given(parseResult, OneIdUrl, PortalUrl, HemsUrl, StateDir);
        var fingerprint = parseResult.GetValue(TlsFingerprint);
        var trustOnFirstUse = parseResult.GetValue(TrustOnFirstUse);

        if (parseResult.GetValue(Local) is { } local)
        {
            if (cloud is not null || server is not null || legacyOnly.Count > 0 || hemsOnly.Count > 0)
            {
                throw new CliUsageException("--local reads a SOLARWATT device on the LAN and cannot be combined with --cloud, --server, --state-dir or a cloud's URL options.");
            }

            var address = ParseUrl("--local", local, Uri.UriSchemeHttp, Uri.UriSchemeHttps);
            if ((fingerprint is not null || trustOnFirstUse) && address.Scheme != Uri.UriSchemeHttps)
            {
                throw new CliUsageException($"{(fingerprint is not null ? "--tls-fingerprint" : "--tls-trust-on-first-use")} applies only to an https:// address given with --local.");
            }

            return ConnectionTarget.Local(address, fingerprint is null ? null : ParseFingerprint(fingerprint), trustOnFirstUse);
        }

        if (fingerprint is not null || trustOnFirstUse)
        {
            throw new CliUsageException($"{(fingerprint is not null ? "--tls-fingerprint" : "--tls-trust-on-first-use")} applies only to a device on the LAN given with --local https://….");
        }

        var kind = ParseCloud(cloud);
        var serverUri = server is null ? null : ParseUrl("--server", server, Uri.UriSchemeHttp, Uri.UriSchemeHttps);
        if (kind == CloudKind.Hems)
        {
            return legacyOnly.Count == 0
                ? ConnectionTarget.ForHems(ResolveHems(parseResult, serverUri))
                : cloud is null
                    ? throw new CliUsageException($"{legacyOnly[0]} belongs to the 2018 cloud; add --cloud legacy, since kiwigrid reads today's SOLARWATT cloud by default.")
                    : throw new CliUsageException($"{legacyOnly[0]} belongs to the 2018 cloud and cannot be combined with --cloud hems; use --oneid-url, --portal-url or --hems-url.");
        }

        return hemsOnly.Count > 0
            ? throw new CliUsageException($"{hemsOnly[0]} belongs to today's SOLARWATT cloud and cannot be combined with --cloud legacy.")
            : ConnectionTarget.ForLegacy(ResolveLegacy(parseResult, serverUri));
    }

    private static CloudKind ParseCloud(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "hems" => CloudKind.Hems,
        "legacy" => CloudKind.Legacy,
        _ => throw new CliUsageException($"--cloud '{value}' is not a cloud kiwigrid knows: use legacy or hems."),
    };

    /// <summary>The fingerprint in the library's form (<c>AB:CD:…</c>), or a usage error saying what one looks like.</summary>
    private static string ParseFingerprint(string text)
    {
        try
        {
            return new ManagerClientOptions { TlsFingerprint = text }.TlsFingerprint!;
        }
        catch (ArgumentException)
        {
            throw new CliUsageException($"--tls-fingerprint needs a SHA-256 fingerprint (64 hex digits, colons allowed) such as the one --tls-trust-on-first-use prints, not '{text}'.");
        }
    }

    /// <summary>The names of the given options that were set, in the order given.</summary>
    private static List<string> Given(ParseResult parseResult, params Option<string?>[] options) =>
        [.. options.Where(o => parseResult.GetValue(o) is not null).Select(o => o.Name)];

    private KiwigridClientOptions ResolveLegacy(ParseResult parseResult, Uri? server)
    {
        var options = server is null ? KiwigridClientOptions.Default : KiwigridClientOptions.ForServer(server);
        if (parseResult.GetValue(AuthUrl) is { } auth)
        {
            options = options with { AuthBaseUri = ParseUrl("--auth-url", auth, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        if (parseResult.GetValue(DesktopUrl) is { } desktop)
        {
            options = options with { DesktopBaseUri = ParseUrl("--desktop-url", desktop, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        if (parseResult.GetValue(BusUrl) is { } bus)
        {
            options = options with { EventBusUri = ParseUrl("--bus-url", bus, "ws", "wss", Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        if (parseResult.GetValue(ExportUrl) is { } export)
        {
            options = options with { ExportBaseUri = ParseUrl("--export-url", export, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        return options;
    }

    private HemsClientOptions ResolveHems(ParseResult parseResult, Uri? server)
    {
        var options = server is null ? HemsClientOptions.Default : HemsClientOptions.ForServer(server);
        if (parseResult.GetValue(OneIdUrl) is { } oneId)
        {
            options = options with { RealmUri = ParseUrl("--oneid-url", oneId, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        if (parseResult.GetValue(PortalUrl) is { } portal)
        {
            options = options with { PortalUri = ParseUrl("--portal-url", portal, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        if (parseResult.GetValue(HemsUrl) is { } hems)
        {
            options = options with { ApiUri = ParseUrl("--hems-url", hems, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        return options;
    }

    /// <summary>
    /// The target's source, asking for the portal login first when the target needs one (a prompt, the environment
    /// or standard input); <see cref="SiteSources.Open"/> makes it. A device on the LAN is asked what it is first
    /// (<see cref="LanSources"/>), and a Manager for its gateway password.
    /// </summary>
    /// <param name="parseResult">The command line.</param>
    /// <param name="context">Console, environment and clock.</param>
    /// <param name="keepsCounters">Whether the command feeds and writes today's cloud's energy counters (serve).</param>
    /// <param name="needs">What the command will ask: what no device on the LAN answers is refused before it is probed.</param>
    /// <param name="cancellationToken">Cancels the prompt.</param>
    public async Task<ISiteSource> OpenAsync(ParseResult parseResult, CliContext context, bool keepsCounters, SiteCapabilities needs, CancellationToken cancellationToken)
    {
        var target = Resolve(parseResult);
        if (target.LocalEnergyManager is { } device)
        {
            SourceLimits.Require($"The device at {device}", LanSources.Capabilities, needs);
            return await LanSources.OpenAsync(
                target,
                async ct => _managerCredentials ??= await Credentials.ResolveForManagerAsync(parseResult.GetValue(UserName), parseResult.GetValue(PasswordStdin), context, ct).ConfigureAwait(false),
                context,
                cancellationToken).ConfigureAwait(false);
        }

        var credentials = target.NeedsLogin
            ? await Credentials.ResolveAsync(parseResult.GetValue(UserName), parseResult.GetValue(PasswordStdin), context, cancellationToken).ConfigureAwait(false)
            : null;
        var stateDir = parseResult.GetValue(StateDir) is { } dir ? Path.GetFullPath(dir) : CounterStateFiles.DefaultDirectory(context.GetEnvironmentVariable);
        return SiteSources.Open(target, credentials, context.TimeProvider, new CounterStateFiles(stateDir, keepsCounters), context.LoggerFactory);
    }

    private static Uri ParseUrl(string option, string text, params string[] schemes)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return uri;
        }

        throw new CliUsageException($"{option} needs an absolute {string.Join(" or ", schemes)} URL such as {schemes[0]}://127.0.0.1:8080, not '{text}'.");
    }
}
