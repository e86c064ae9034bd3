using System.CommandLine;
using System.Globalization;
using Kiwigrid.Cli.Output;
using Kiwigrid.Cli.Serve;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// <c>kiwigrid serve</c>: watches the site through one session and serves a live dashboard, a JSON API, health and
/// Prometheus metrics until Ctrl+C.
/// </summary>
internal sealed class ServeCommand : SiteCommand
{
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

    public ServeCommand(CliContext context)
        : base("serve", "Serve a live dashboard, a JSON API (/api/energy-flow, /api/devices), /healthz and Prometheus /metrics for the site, until Ctrl+C.", context)
    {
        _poll.AddTo(this, withTags: false);
        Options.Add(_urls);
        Options.Add(_accessTokenFile);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var console = Context.Console;
        var addresses = ListenAddress.ParseList(parseResult.GetValue(_urls)!);
        var token = ServeAccess.Resolve(parseResult.GetValue(_accessTokenFile), Context.GetEnvironmentVariable);
        var watchOptions = _poll.ToWatchOptions(parseResult);
        var count = parseResult.GetValue(_poll.Count);

        await using var site = await OpenSiteAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var feed = new SiteFeed(watchOptions.Interval, Context.TimeProvider);
        await using var server = await DashboardServer.StartAsync(addresses, token, feed, cancellationToken).ConfigureAwait(false);
        WriteReady(server, token is not null, parseResult.GetValue(Json));

        var snapshots = 0;
        await foreach (var watchEvent in feed.Observe(site.WatchAsync(watchOptions, cancellationToken)).ConfigureAwait(false))
        {
            switch (watchEvent)
            {
                case DeviceWatchInterrupted lost:
                    console.WriteNote(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Connection lost ({lost.Error.Message.TrimEnd('.')}); reconnecting in {lost.RetryDelay.TotalSeconds:0.#} s (attempt {lost.Attempt})."));
                    break;
                case DeviceSnapshot snapshot:
                    if (snapshot.IsFirst)
                    {
                        console.WriteNote($"Watching {snapshot.Devices.Count} devices every {watchOptions.Interval.TotalSeconds} s; Ctrl+C stops.");
                    }
                    else if (snapshot.AfterReconnect)
                    {
                        console.WriteNote("Reconnected.");
                    }

                    if (++snapshots >= count)
                    {
                        return ExitCodes.Ok;
                    }

                    break;
            }
        }

        return ExitCodes.Ok;
    }

    private void WriteReady(DashboardServer server, bool protectedByToken, bool json)
    {
        var console = Context.Console;
        var url = server.DashboardUri.ToString();
        if (json)
        {
            console.WriteRawLine(DeviceJson.Write(w =>
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

        console.WriteNote($"API: {url}api/energy-flow, {url}api/devices, {url}healthz, {url}metrics");
        if (protectedByToken)
        {
            console.WriteNote("Every request needs the access token: open the dashboard with ?token=<token>, or send Authorization: Bearer <token>.");
        }
    }
}
