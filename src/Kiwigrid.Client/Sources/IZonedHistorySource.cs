using Kiwigrid.Client.History;

namespace Kiwigrid.Client.Sources;

/// <summary>
/// A source whose history can be asked on a given zone's clock (daily rows from midnight to midnight there) and that
/// reports the progress of a history taking several requests. Optional: callers fall back to
/// <see cref="ISiteSource.GetEnergyHistoryAsync"/> when a source does not offer it.
/// </summary>
public interface IZonedHistorySource : ISiteSource
{
    /// <summary>
    /// The site's energy per interval as <see cref="ISiteSource.GetEnergyHistoryAsync"/>, with the intervals on the
    /// clock of <paramref name="timeZone"/>, telling <paramref name="progress"/> before the first request and after each.
    /// </summary>
    /// <param name="start">The span's start; rounded down to a whole interval.</param>
    /// <param name="until">The span's end (exclusive).</param>
    /// <param name="resolution">The interval length of one row.</param>
    /// <param name="timeZone">The zone of the intervals and of the row times.</param>
    /// <param name="progress">Told how many of the span's requests are done; null for no reports.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    Task<HistoryTable> GetEnergyHistoryAsync(
        DateTimeOffset start,
        DateTimeOffset until,
        HistoryResolution resolution,
        TimeZoneInfo timeZone,
        IProgress<HistoryProgress>? progress,
        CancellationToken cancellationToken = default);
}
