using System.CommandLine;
using Kiwigrid.Client;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// The options that say which server a reading command talks to: the real cloud (default), one server such as the
/// emulator (<c>--server</c>), the three cloud bases separately, or a local Energy Manager (<c>--local</c>).
/// </summary>
internal sealed class ConnectionOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Base URL of one server serving login, desktop and event bus, such as the emulator (e.g. http://127.0.0.1:8080).",
        HelpName = "url",
    };

    public Option<string?> AuthUrl { get; } = new("--auth-url")
    {
        Description = "Base URL of the login server (default https://auth.energy-manager.de).",
        HelpName = "url",
    };

    public Option<string?> DesktopUrl { get; } = new("--desktop-url")
    {
        Description = "Base URL of the desktop web app (default https://desktop.energy-manager.de).",
        HelpName = "url",
    };

    public Option<string?> BusUrl { get; } = new("--bus-url")
    {
        Description = "URL of the SockJS event bus (default wss://cloud.kiwigrid.com/kiwibus).",
        HelpName = "url",
    };

    public Option<string?> ExportUrl { get; } = new("--export-url")
    {
        Description = "Base URL of the history export backend (default https://solarwatt-exportbackend.kiwigrid.com).",
        HelpName = "url",
    };

    public Option<string?> Local { get; } = new("--local")
    {
        Description = "Read a SOLARWATT Energy Manager on the LAN instead of the cloud (e.g. http://192.168.1.20); needs no login.",
        HelpName = "url",
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
        command.Options.Add(Local);
        command.Options.Add(UserName);
        command.Options.Add(PasswordStdin);
    }

    /// <summary>Reads the options into a target; throws <see cref="CliUsageException"/> on a bad combination or URL.</summary>
    public ConnectionTarget Resolve(ParseResult parseResult)
    {
        var local = parseResult.GetValue(Local);
        var server = parseResult.GetValue(Server);
        var auth = parseResult.GetValue(AuthUrl);
        var desktop = parseResult.GetValue(DesktopUrl);
        var bus = parseResult.GetValue(BusUrl);
        var export = parseResult.GetValue(ExportUrl);

        if (local is not null)
        {
            if (server is not null || auth is not null || desktop is not null || bus is not null || export is not null)
            {
                throw new CliUsageException("--local reads an Energy Manager on the LAN and cannot be combined with --server, --auth-url, --desktop-url, --bus-url or --export-url.");
            }

            return new ConnectionTarget(null, ParseUrl("--local", local, Uri.UriSchemeHttp, Uri.UriSchemeHttps));
        }

        var options = server is null
            ? KiwigridClientOptions.Default
            : KiwigridClientOptions.ForServer(ParseUrl("--server", server, Uri.UriSchemeHttp, Uri.UriSchemeHttps));
        if (auth is not null)
        {
            options = options with { AuthBaseUri = ParseUrl("--auth-url", auth, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        if (desktop is not null)
        {
            options = options with { DesktopBaseUri = ParseUrl("--desktop-url", desktop, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        if (bus is not null)
        {
            options = options with { EventBusUri = ParseUrl("--bus-url", bus, "ws", "wss", Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        if (export is not null)
        {
            options = options with { ExportBaseUri = ParseUrl("--export-url", export, Uri.UriSchemeHttp, Uri.UriSchemeHttps) };
        }

        return new ConnectionTarget(options, null);
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
