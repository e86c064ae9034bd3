using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;

namespace Kiwigrid.Client;

public sealed partial class KiwigridClient
{
    /// <summary>
    /// The site's values over time from Kiwigrid's export backend: one row per interval of the query's span, one
    /// value per column. Long spans are fetched in several requests and joined.
    /// </summary>
    /// <exception cref="KiwigridServiceException">The backend refused the query (400, with its reason) or failed.</exception>
    /// <exception cref="KiwigridProtocolException">The backend's reply is not the expected CSV; the message names the line.</exception>
    /// <exception cref="KiwigridConnectionException">The backend cannot be reached.</exception>
    /// <exception cref="KiwigridTimeoutException">The backend did not answer within <see cref="KiwigridClientOptions.RequestTimeout"/>.</exception>
    public Task<HistoryTable> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        GetHistoryAsync(query, progress: null, cancellationToken);

    /// <summary>
    /// The site's values over time as <see cref="GetHistoryAsync(HistoryQuery, CancellationToken)"/>, reporting before
    /// the first request and after each how many of the span's requests are done.
    /// </summary>
    /// <param name="query">What to fetch.</param>
    /// <param name="progress">Told before the first request and after each, on the thread that fetches; null for no reports.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <inheritdoc cref="GetHistoryAsync(HistoryQuery, CancellationToken)" path="/exception"/>
    public Task<HistoryTable> GetHistoryAsync(HistoryQuery query, IProgress<HistoryProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfDisposed();
        return _history.GetAsync(query, progress, cancellationToken);
    }

    /// <summary>
    /// The site's energy over time, in the portal's standard columns (<see cref="EnergyHistoryColumns"/>):
    /// production, consumption, grid feed-in and purchase, battery charge and discharge, self-consumption (Wh per
    /// interval) and the batteries' state of charge (%, average). Rows are in UTC.
    /// </summary>
    /// <param name="from">The span's start; rounded down to a whole interval.</param>
    /// <param name="to">The span's end (exclusive).</param>
    /// <param name="resolution">The interval length of one row.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="KiwigridProtocolException">The site has no Location device, or a reply is not the expected CSV.</exception>
    /// <inheritdoc cref="GetHistoryAsync(HistoryQuery, CancellationToken)" path="/exception"/>
    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
        GetEnergyHistoryAsync(from, to, resolution, TimeZoneInfo.Utc, cancellationToken);

    /// <summary>
    /// The site's energy over time as <see cref="GetEnergyHistoryAsync(DateTimeOffset, DateTimeOffset, HistoryResolution, CancellationToken)"/>,
    /// with the intervals on the clock of <paramref name="timeZone"/> (daily rows run midnight to midnight there).
    /// </summary>
    /// <param name="from">The span's start; rounded down to a whole interval.</param>
    /// <param name="to">The span's end (exclusive).</param>
    /// <param name="resolution">The interval length of one row.</param>
    /// <param name="timeZone">The zone of the intervals and of the row times.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="KiwigridProtocolException">The site has no Location device, or a reply is not the expected CSV.</exception>
    /// <inheritdoc cref="GetHistoryAsync(HistoryQuery, CancellationToken)" path="/exception"/>
    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution, TimeZoneInfo timeZone, CancellationToken cancellationToken = default) =>
        GetEnergyHistoryAsync(from, to, resolution, timeZone, progress: null, cancellationToken);

    /// <summary>
    /// The site's energy over time as <see cref="GetEnergyHistoryAsync(DateTimeOffset, DateTimeOffset, HistoryResolution, TimeZoneInfo, CancellationToken)"/>,
    /// reporting before the first request and after each how many of the span's requests are done.
    /// </summary>
    /// <param name="from">The span's start; rounded down to a whole interval.</param>
    /// <param name="to">The span's end (exclusive).</param>
    /// <param name="resolution">The interval length of one row.</param>
    /// <param name="timeZone">The zone of the intervals and of the row times.</param>
    /// <param name="progress">Told before the first request and after each, on the thread that fetches; null for no reports.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="KiwigridProtocolException">The site has no Location device, or a reply is not the expected CSV.</exception>
    /// <inheritdoc cref="GetHistoryAsync(HistoryQuery, CancellationToken)" path="/exception"/>
    public async Task<HistoryTable> GetEnergyHistoryAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        HistoryResolution resolution,
        TimeZoneInfo timeZone,
        IProgress<HistoryProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ThrowIfDisposed();

        // Checked before the device list is fetched, so a bad span fails fast.
        if (from >= to)
        {
            throw new ArgumentException($"The history's start ({from:O}) must be before its end ({to:O}).", nameof(from));
        }

        if (!Enum.IsDefined(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Use one of the five HistoryResolution values.");
        }
        var devices = await _devices.GetDevicesAsync(DeviceQuery.All, cancellationToken).ConfigureAwait(false);
        if (!devices.Any(d => d.Kind == DeviceKind.Location))
        {
            throw new KiwigridProtocolException("The site has no Location device, which holds the energy flows the history is asked for.");
        }

        var query = new HistoryQuery(from, to, resolution, EnergyHistoryColumns.For(devices)) { TimeZone = timeZone };
        return await _history.GetAsync(query, progress, cancellationToken).ConfigureAwait(false);
    }
}
