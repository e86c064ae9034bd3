using System.Globalization;
using System.Text;
using Kiwigrid.Client.Counters;
using Kiwigrid.Client.Devices;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Hems;

/// <summary>
/// Lifetime energy counters for today's SOLARWATT cloud: feeds an <see cref="EnergyCounterLedger"/> from the HEMS
/// analytics and hands its counters out as the Location's <c>WorkProduced</c>, <c>WorkConsumed</c>, <c>WorkIn</c>,
/// <c>WorkOut</c>, <c>WorkBuffered</c> and <c>WorkReleased</c>; pass <see cref="GetLocationTagsAsync"/> to
/// <see cref="HemsSiteSource(HemsClient, Func{CancellationToken, Task{IReadOnlyList{TagValue}}})"/>.
/// </summary>
/// <remarks>
/// At most once per <see cref="RefreshInterval"/> it asks for today's energy per hour and feeds each day total under the
/// day its values are stamped with. The first refresh also asks for the month's day totals (and the previous month's
/// when the ledger already held counters, to fill a gap while nothing ran); the first refresh on a new local day asks
/// once more for the day before, whose final total may only be known after midnight. A failed refresh is logged and
/// leaves the counters as they were; the device read goes on.
/// </remarks>
public sealed partial class HemsEnergyCounters
{
    /// <summary>How often the analytics are asked by default: the public integrations poll them every 5 minutes.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);

    private static readonly HemsAnalyticsKind[] Kinds = [HemsAnalyticsKind.Production, HemsAnalyticsKind.Consumption, HemsAnalyticsKind.Storage];

    // The Location's energy series and the tags they are published as.
    private static readonly (string Series, EnergyQuantity Quantity)[] Quantities =
    [
        (TagNames.WorkProduced, EnergyQuantity.Production),
        (TagNames.WorkConsumed, EnergyQuantity.Consumption),
        (TagNames.WorkIn, EnergyQuantity.GridImport),
        (TagNames.WorkOut, EnergyQuantity.GridExport),
        (TagNames.WorkBuffered, EnergyQuantity.BatteryCharge),
        (TagNames.WorkReleased, EnergyQuantity.BatteryDischarge),
    ];

    private readonly HemsClient _client;
    private readonly EnergyCounterLedger _ledger;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task _refresh = Task.CompletedTask;
    private DateTimeOffset? _lastTry;
    private DateOnly? _lastTryDay;
    private DateOnly? _lastDay;

    /// <summary>Counters of the site <paramref name="client"/> reads, kept in <paramref name="ledger"/>.</summary>
    /// <param name="client">The session that asks the analytics; not owned.</param>
    /// <param name="ledger">The counters, usually with a state file so a restart goes on where it stopped.</param>
    /// <param name="refreshInterval">How often the analytics are asked; null for <see cref="DefaultRefreshInterval"/>.</param>
    public HemsEnergyCounters(HemsClient client, EnergyCounterLedger ledger, TimeSpan? refreshInterval = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(ledger);
        if (refreshInterval is { } interval)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(refreshInterval));
        }

        _client = client;
        _ledger = ledger;
        RefreshInterval = refreshInterval ?? DefaultRefreshInterval;
        _logger = client.Options.LoggerFactory.CreateLogger<HemsEnergyCounters>();
    }

    /// <summary>How often the analytics are asked at most.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>The counters as Location tags (Wh), refreshed from the analytics when they are due; none before the first total.</summary>
    /// <param name="cancellationToken">Cancels a refresh.</param>
    public async Task<IReadOnlyList<TagValue>> GetLocationTagsAsync(CancellationToken cancellationToken = default)
    {
        var now = _client.Options.TimeProvider.GetUtcNow();
        Task refresh = Task.CompletedTask;
        lock (_gate)
        {
            var today = _ledger.Today;

            // One refresh at a time, shared by every reader; a new day is due at once, so yesterday's final total and
            // today's first come in without waiting for the interval.
            if (_refresh.IsCompleted && (_lastTry is not { } last || now - last >= RefreshInterval || today != _lastTryDay))
            {
                _lastTry = now;
                _lastTryDay = today;
                _refresh = RefreshAsync(today);
                refresh = _refresh;
            }
            else if (!_refresh.IsCompleted)
            {
                refresh = _refresh;
            }

            // A finished refresh is not awaited again: its refused login was reported to the readers that waited for it.
        }

        await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToLocationTags(_ledger, now);
    }

    /// <summary>The counters as Location tags, as read from the ledger without asking the cloud (e.g. those <c>serve</c> keeps).</summary>
    /// <param name="ledger">The counters.</param>
    /// <param name="at">The tags' timestamp.</param>
    public static IReadOnlyList<TagValue> ToLocationTags(EnergyCounterLedger ledger, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var counters = ledger.GetCounters();
        var tags = new List<TagValue>();
        foreach (var (series, quantity) in Quantities)
        {
            if (counters.TryGetValue(quantity, out var wattHours))
            {
                tags.Add(new TagValue(series, Encoding.UTF8.GetBytes(wattHours.ToString("R", CultureInfo.InvariantCulture)), at, null));
            }
        }

        return tags;
    }

    /// <summary>Not cancellable: it is shared by readers, and every request has its own timeout.</summary>
    private async Task RefreshAsync(DateOnly today)
    {
        var cancellationToken = CancellationToken.None;
        try
        {
            var totals = new List<EnergyDayTotal>();
            if (_lastDay is null)
            {
                // After a gap (nothing ran): the month's day totals, and the month before when counters already ran.
                if (_ledger.GetCounters().Count > 0)
                {
                    await CollectAsync(HemsAnalyticsPeriod.Month, today.AddMonths(-1), totals, cancellationToken).ConfigureAwait(false);
                }

                await CollectAsync(HemsAnalyticsPeriod.Month, today, totals, cancellationToken).ConfigureAwait(false);
            }
            else if (_lastDay != today)
            {
                // Yesterday's final total, once: its last hour may only be known after midnight.
                await CollectAsync(HemsAnalyticsPeriod.Day, _lastDay.Value, totals, cancellationToken).ConfigureAwait(false);
            }

            await CollectAsync(HemsAnalyticsPeriod.Day, today, totals, cancellationToken).ConfigureAwait(false);
            _ledger.Observe(totals);
            _lastDay = today;
        }
        catch (Exception e) when (e is KiwigridException and not KiwigridAuthenticationException or ObjectDisposedException)
        {
            // A refused login is the device read's error too; anything else only delays the counters.
            LogRefreshFailed(_logger, e.Message);
        }
    }

    /// <summary>Adds the Location's day totals of one analytics period, each under the local day its values carry.</summary>
    private async Task CollectAsync(HemsAnalyticsPeriod period, DateOnly date, List<EnergyDayTotal> totals, CancellationToken cancellationToken)
    {
        foreach (var kind in Kinds)
        {
            if (await _client.GetAnalyticsAsync(kind, period, date, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                totals.AddRange(DayTotals(answer));
            }
        }
    }

    /// <summary>
    /// The answer's Location series summed per local day. A series belongs to the Location when its device is none of
    /// the answer's devices (a plug's <c>WorkIn</c> is not the grid's), as in the history.
    /// </summary>
    internal static IEnumerable<EnergyDayTotal> DayTotals(HemsAnalytics answer)
    {
        var devices = answer.Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var series in answer.Series)
        {
            var match = Quantities.FirstOrDefault(q => q.Series == series.Name);
            if (match.Series is null || (series.DeviceId is { } id && devices.Contains(id)))
            {
                continue;
            }

            // Keys are the site's local interval starts with their offset: their date is the site's day.
            foreach (var day in series.Values.Where(v => v.Value is not null).GroupBy(v => DateOnly.FromDateTime(v.Key.DateTime)))
            {
                yield return new EnergyDayTotal(match.Quantity, day.Key, day.Sum(v => v.Value!.Value));
            }
        }
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Warning, Message = "The energy counters could not be refreshed from the HEMS analytics ({Reason}); they stay as they were until the next try")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
