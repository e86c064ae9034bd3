using System.CommandLine;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// <c>kiwigrid history</c>: the home's energy per interval from the site's history, such as the cloud's export backend
/// (production, consumption, grid, battery, self-consumption, state of charge), as a table, CSV or JSON.
/// </summary>
internal sealed class HistoryCommand : KiwigridCommand
{
    private readonly ConnectionOptions _connection = new();

    private readonly Option<string?> _from = new("--from")
    {
        Description = "Start: today (default), yesterday, a date such as 2025-06-21, or an ISO date-time (local unless it has an offset).",
        HelpName = "when",
    };

    private readonly Option<string?> _to = new("--to")
    {
        Description = "End, exclusive; a date includes that whole day (default: the end of the --from day, or now).",
        HelpName = "when",
    };

    private readonly Option<string> _resolution = new("--resolution", "-r")
    {
        Description = "Interval of one row: 5m, 15m (default), 30m, 1h or 1d.",
        HelpName = "interval",
        DefaultValueFactory = _ => "15m",
    };

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "table (default), csv or json.",
        HelpName = "format",
        DefaultValueFactory = _ => "table",
    };

    private readonly Option<bool> _utc = new("--utc")
    {
        Description = "Read dates and show times in UTC instead of the local time zone.",
    };

    public HistoryCommand(CliContext context)
        : base("history", "Show the home's energy over time (PV, house, grid, battery, state of charge) from the cloud's history.", context)
    {
        _connection.AddTo(this);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_resolution);
        Options.Add(_format);
        Options.Add(_utc);
    }

    /// <summary>The library's resolution for a <c>--resolution</c> value.</summary>
    /// <exception cref="CliUsageException">Not one of the five.</exception>
    public static HistoryResolution ParseResolution(string value) => value.Trim().ToLowerInvariant() switch
    {
        "5m" => HistoryResolution.FiveMinutes,
        "15m" => HistoryResolution.FifteenMinutes,
        "30m" => HistoryResolution.ThirtyMinutes,
        "1h" => HistoryResolution.OneHour,
        "1d" => HistoryResolution.OneDay,
        _ => throw new CliUsageException($"--resolution '{value}' is not an interval the history knows: use 5m, 15m, 30m, 1h or 1d."),
    };

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        // Checked here rather than by the parser, whose message for a wrong choice spans several lines.
        var format = parseResult.GetValue(_format)!.Trim().ToLowerInvariant();
        if (format is not ("table" or "csv" or "json"))
        {
            throw new CliUsageException($"--format '{parseResult.GetValue(_format)}' is not known: use table, csv or json.");
        }

        var zone = parseResult.GetValue(_utc) ? TimeZoneInfo.Utc : Context.TimeProvider.LocalTimeZone;
        var resolution = ParseResolution(parseResult.GetValue(_resolution)!);
        var span = HistorySpan.Resolve(parseResult.GetValue(_from), parseResult.GetValue(_to), Context.TimeProvider.GetUtcNow(), zone);
        span.CheckRows(IntervalOf(resolution), parseResult.GetValue(_resolution)!.Trim());
        await using var site = await _connection.OpenAsync(parseResult, Context, keepsCounters: false, SiteCapabilities.History, cancellationToken).ConfigureAwait(false);
        SourceLimits.Require(site, SiteCapabilities.History);

        // Days are asked for on the local clock (midnight to midnight there); shorter intervals in UTC, which never
        // repeats an hour, and shown in the local zone. A source that cannot take a zone gives UTC days.
        var queryZone = resolution == HistoryResolution.OneDay ? zone : TimeZoneInfo.Utc;
        var history = await HistoryProgressView.RunAsync(
            Context.Console,
            progress => site is IZonedHistorySource zoned
                ? zoned.GetEnergyHistoryAsync(span.From, span.To, resolution, queryZone, progress, cancellationToken)
                : site.GetEnergyHistoryAsync(span.From, span.To, resolution, cancellationToken)).ConfigureAwait(false);
        Write(history, format, zone);
        return ExitCodes.Ok;
    }

    /// <summary>The length of one row; a day as 24 hours, near enough for counting rows.</summary>
    private static TimeSpan IntervalOf(HistoryResolution resolution) => resolution switch
    {
        HistoryResolution.FiveMinutes => TimeSpan.FromMinutes(5),
        HistoryResolution.FifteenMinutes => TimeSpan.FromMinutes(15),
        HistoryResolution.ThirtyMinutes => TimeSpan.FromMinutes(30),
        HistoryResolution.OneHour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    private void Write(HistoryTable history, string format, TimeZoneInfo zone)
    {
        var console = Context.Console;
        switch (format)
        {
            case "csv":
                foreach (var line in HistoryCsv.Lines(history, zone))
                {
                    console.WriteRawLine(line);
                }

                break;
            case "json":
                console.WriteRawLine(HistoryJson.Write(history, zone));
                break;
            default:
                console.Out.Write(HistoryTableView.Render(history, zone, console.Out.Profile.Width));
                break;
        }
    }
}
