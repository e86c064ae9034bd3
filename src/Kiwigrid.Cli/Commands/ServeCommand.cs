using System.CommandLine;
using Kiwigrid.Cli.Output;
using Kiwigrid.Cli.Serve;
using Kiwigrid.Cli.Serve.Classic;
using Kiwigrid.Cli.Serve.Configuration;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Classic;
using Kiwigrid.Hosting.Mqtt;
using Kiwigrid.Hosting.Views;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// <c>kiwigrid serve</c>: watches the site through one session and serves a live dashboard, a JSON API, health and
/// Prometheus metrics until Ctrl+C.
/// </summary>
internal sealed class ServeCommand : SiteCommand
{
    /// <summary>The flags a refusal names (<see cref="ServeSettingRules"/>).</summary>
    private static readonly ServeSettingNames Flags =
        new("--allow-control", "--allow-origin", "--classic-api", "--classic-api-lan", $"--access-token-file or {ServeAccess.TokenVariable}");

    private readonly PollOptions _poll = new(defaultIntervalSeconds: 10);

    private readonly Option<string> _urls = new("--urls")
    {
        Description = $"Where to listen: http://host:port, several separated by ';' (default {ListenAddress.Default}, this machine only). Any other address needs an access token.",
        HelpName = "urls",
        DefaultValueFactory = _ => ListenAddress.Default,
    };

    private readonly Option<string?> _accessTokenFile = new("--access-token-file")
    {
        Description = $"A file holding the token every request must carry (Authorization: Bearer, or ?token= in the dashboard's URL); default: the {ServeAccess.TokenVariable} environment variable, else none.",
        HelpName = "path",
    };

    private readonly Option<string[]> _allowOrigin = new("--allow-origin")
    {
        Description = "Let pages of this website read the JSON API, /api/events and /healthz in a browser (CORS): an origin such as https://example.org, or * for any (needs an access token). Repeatable.",
        HelpName = "origin",
    };

    private readonly Option<bool> _classicApi = new("--classic-api")
    {
        Description = $"Also answer as a classic SOLARWATT Energy Manager ({ClassicApiEndpoints.DeviceListPath}) and as a Manager flex ({ClassicApiEndpoints.EnergyOverviewPath}), whatever the source, so evcc, openHAB, Home Assistant and ioBroker integrations read this site unchanged. Read-only, without the access token, for this machine only.",
    };

    private readonly Option<bool> _classicApiLan = new("--classic-api-lan")
    {
        Description = "With --classic-api: let ANY machine on the network read those two paths without a token (the integrations cannot send one). Anyone who can reach serve can then read your home.",
    };

    private readonly Option<bool> _allowControl = new("--allow-control")
    {
        Description = "Let holders of an access token change the site's settings (POST /api/settings/…, MQTT select/switch/number entities); needs an access token, also on loopback. Off by default.",
    };

    private readonly Option<string?> _mqtt = new("--mqtt")
    {
        Description = $"Also publish to this MQTT broker (mqtt://host:port or mqtts://…) with Home Assistant discovery; credentials from {MqttPublisherOptions.UserNameVariable} and {MqttPublisherOptions.PasswordVariable}.",
        HelpName = "url",
    };

    private readonly Option<string> _mqttTopicPrefix = new("--mqtt-topic-prefix")
    {
        Description = "The first level of the state and availability topics.",
        HelpName = "topic",
        DefaultValueFactory = _ => "kiwigrid",
    };

    private readonly Option<string> _mqttDiscoveryPrefix = new("--mqtt-discovery-prefix")
    {
        Description = "Home Assistant's discovery prefix.",
        HelpName = "topic",
        DefaultValueFactory = _ => "homeassistant",
    };

    private readonly Option<string?> _mqttCaFile = new("--mqtt-ca-file")
    {
        Description = "A PEM file with the CA certificate that signed an mqtts:// broker's own (a self-signed home broker), trusted besides the system's CAs.",
        HelpName = "path",
    };

    /// <summary>Shown in the help; <see cref="ServeConfiguration"/> has turned it into flags before parsing.</summary>
    private readonly Option<string?> _config = new(ServeConfiguration.ConfigFlag)
    {
        Description = $"Read every option from this JSON file (keys as in docs/schema/serve-config.schema.json); {ServeConfigKeys.EnvironmentPrefix}… variables override it, flags override both. Secrets only from files, the environment, or a file only its owner can read.",
        HelpName = "path",
    };

    public ServeCommand(CliContext context)
        : base("serve", "Serve a live dashboard, a JSON API (/api/energy-flow, /api/devices), /healthz and Prometheus /metrics for the site, and with --classic-api the classic Energy Manager's API for evcc, openHAB and Home Assistant, until Ctrl+C.", context)
    {
        Options.Add(_config);
        _poll.AddTo(this, withTags: false);
        Options.Add(_urls);
        Options.Add(_accessTokenFile);
        Options.Add(_allowOrigin);
        Options.Add(_classicApi);
        Options.Add(_classicApiLan);
        Options.Add(_allowControl);
        Options.Add(_mqtt);
        Options.Add(_mqttTopicPrefix);
        Options.Add(_mqttDiscoveryPrefix);
        Options.Add(_mqttCaFile);
    }

    protected override bool KeepsEnergyCounters => true;

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var addresses = ListenAddress.ParseList(parseResult.GetValue(_urls)!);
        var token = ServeAccess.Resolve(parseResult.GetValue(_accessTokenFile), Context.GetEnvironmentVariable);
        var crossOrigin = AllowedOrigins.Parse(parseResult.GetValue(_allowOrigin) ?? [], Flags.AllowedOrigins);
        var watchOptions = _poll.ToWatchOptions(parseResult);
        var count = parseResult.GetValue(_poll.Count);
        var mqttOptions = MqttOptions(parseResult);
        var allowControl = parseResult.GetValue(_allowControl);
        var classicApiLan = parseResult.GetValue(_classicApiLan);
        var classicApi = parseResult.GetValue(_classicApi) ? new ClassicApiOptions(OpenToLan: classicApiLan) : null;
        ServeSettingRules.Check(Flags, token is not null, allowControl, crossOrigin, classicApi is not null, classicApiLan);

        var retries = new SiteStartRetries(Context.Console, watchOptions, Context.TimeProvider);
        var needs = allowControl ? SiteCapabilities.Watch | SiteCapabilities.Control : SiteCapabilities.Watch;
        var feed = new SiteFeed(watchOptions.Interval, Context.TimeProvider);
        async Task<DashboardServer> StartDashboardAsync()
        {
            var started = await DashboardServer.StartAsync(addresses, token, crossOrigin, classicApi, feed, control: null, cancellationToken).ConfigureAwait(false);
            WriteReady(started, token is not null, crossOrigin, allowControl, parseResult.GetValue(Json));
            WriteClassicApiReady(started, classicApi, addresses);
            return started;
        }

        var (openedSite, waitingServer) = await OpenSiteOrServeWhileWaitingAsync(parseResult, needs, retries, StartDashboardAsync, feed, cancellationToken).ConfigureAwait(false);
        await using var site = openedSite;
        await using var server = waitingServer ?? await StartDashboardAsync().ConfigureAwait(false);
        using var loggers = NoteLoggerProvider.Factory(Context.Console, "Kiwigrid.", LogLevel.Information);
        var control = site.Capabilities.HasFlag(SiteCapabilities.Settings)
            ? new SiteControl(site, allowControl, Context.TimeProvider, loggers.CreateLogger<SiteControl>())
            : null;
        if (control is not null)
        {
            server.Attach(control);
        }

        await using var mqtt = mqttOptions is null
            ? null
            : await MqttPublisher.StartAsync(mqttOptions, loggers, Context.TimeProvider, allowControl ? control : null, cancellationToken).ConfigureAwait(false);
        var observer = new ServeConsoleObserver(Context.Console, count);
        return await retries.RunAsync(
            async ct =>
            {
                await SiteWatch.RunAsync(site, feed, mqtt, control, watchOptions, observer, ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            },
            feed.Apply,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The site, opened before the dashboard as any command opens it, so that a wrong option, a prompt or a refused
    /// login comes first; when it cannot be read yet (a device still starting), the dashboard opens while it is waited
    /// for, so that /healthz says why, and comes back with it.
    /// </summary>
    private async Task<(ISiteSource Site, DashboardServer? Server)> OpenSiteOrServeWhileWaitingAsync(
        ParseResult parseResult, SiteCapabilities needs, SiteStartRetries retries, Func<Task<DashboardServer>> startDashboard, SiteFeed feed, CancellationToken cancellationToken)
    {
        try
        {
            return (await OpenSiteAsync(parseResult, needs, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (SiteStartRetries.MayPass(ex) && !cancellationToken.IsCancellationRequested)
        {
            var server = await startDashboard().ConfigureAwait(false);
            try
            {
                await retries.WaitAfterAsync(ex, feed.Apply, cancellationToken).ConfigureAwait(false);
                return (await retries.RunAsync(ct => OpenSiteAsync(parseResult, needs, ct), feed.Apply, cancellationToken).ConfigureAwait(false), server);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private void WriteReady(DashboardServer server, bool protectedByToken, AllowedOrigins? crossOrigin, bool allowControl, bool json)
    {
        var console = Context.Console;
        var url = ReachableAddress.For(server.DashboardUri).ToString();
        if (json)
        {
            console.WriteRawLine(JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("dashboard", url);
                w.WriteBoolean("accessToken", protectedByToken);
                w.WriteEndObject();
            }, indented: false));
        }
        else
        {
            console.WriteRawLine($"Dashboard: {url}");
        }

        // One address and the paths below it: four full URLs would not fit 80 columns.
        console.WriteNote($"API: {url} + api/energy-flow, api/devices, healthz, metrics");
        if (protectedByToken)
        {
            // Two lines: one would not fit 80 columns.
            console.WriteNote("Every request needs the access token: send Authorization: Bearer <token>,");
            console.WriteNote("or open the dashboard with ?token=<token> after its address.");
        }

        if (crossOrigin is not null)
        {
            console.WriteNote($"Pages of {crossOrigin} may read /api/* and /healthz in a browser.");
        }

        if (allowControl)
        {
            console.WriteNote("Control is on: holders of a token may change settings (api/settings).");
        }
    }

    /// <summary>Where the classic API is, and who can read it (<see cref="ClassicApiBanner"/>).</summary>
    private void WriteClassicApiReady(DashboardServer server, ClassicApiOptions? classicApi, IReadOnlyList<ListenAddress> addresses)
    {
        if (classicApi is null)
        {
            return;
        }

        var url = ReachableAddress.For(server.DashboardUri).ToString().TrimEnd('/');
        foreach (var line in ClassicApiBanner.Lines(url, classicApi, addresses))
        {
            Context.Console.WriteNote(line);
        }
    }

    private MqttPublisherOptions? MqttOptions(ParseResult parseResult)
    {
        if (parseResult.GetValue(_mqtt) is not { } broker)
        {
            return parseResult.GetValue(_mqttCaFile) is null ? null : throw new CliUsageException("--mqtt-ca-file only applies with --mqtt mqtts://….");
        }

        if (!Uri.TryCreate(broker, UriKind.Absolute, out var uri))
        {
            throw new CliUsageException($"--mqtt takes a broker URL such as mqtt://127.0.0.1:1883, not '{broker}'.");
        }

        // A password on the command line would show in the process list and shell history.
        if (uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new CliUsageException($"Put the MQTT password in {MqttPublisherOptions.PasswordVariable}, not in the --mqtt URL.");
        }

        var options = new MqttPublisherOptions(uri)
        {
            TopicPrefix = parseResult.GetValue(_mqttTopicPrefix)!,
            DiscoveryPrefix = parseResult.GetValue(_mqttDiscoveryPrefix)!,
            CaFile = parseResult.GetValue(_mqttCaFile),
            GetEnvironmentVariable = Context.GetEnvironmentVariable,
        };
        options.Validate();
        return options;
    }

}
