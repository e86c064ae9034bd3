using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Sources;

/// <summary>
/// One installation, whichever way it is reached: the 2018 event-bus cloud, today's SOLARWATT cloud (HEMS API) or an
/// Energy Manager on the LAN. Every source answers in the same model (<see cref="Device"/>s with Kiwigrid tag names,
/// <see cref="EnergyFlow"/> in W, Wh and %, with the same signs); what a source cannot answer is said up front by
/// <see cref="Capabilities"/>, and asking anyway throws <see cref="NotSupportedException"/>.
/// </summary>
public interface ISiteSource : IAsyncDisposable
{
    /// <summary>What the source is, for messages, e.g. "today's SOLARWATT cloud at https://hems.kiwigrid.com/v11".</summary>
    string Description { get; }

    /// <summary>The questions this source can answer.</summary>
    SiteCapabilities Capabilities { get; }

    /// <summary>The site's power flows now.</summary>
    Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default);

    /// <summary>Every device with its values, as Kiwigrid devices and tags.</summary>
    Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The site's energy per interval from <paramref name="start"/> to <paramref name="until"/> (exclusive) (<see cref="EnergyHistoryColumns"/>: Wh per row, state of charge in
    /// %), at the resolution asked or the nearest coarser one the source keeps.
    /// </summary>
    Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default);

    /// <summary>The devices live: a snapshot, then changes, riding out lost connections and failed logins after the first.</summary>
    IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken = default);

    /// <summary>What can be set on this installation (read-only: changing a setting is a separate, deliberate step).</summary>
    Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes one setting: checks the value against <see cref="SiteSetting.Normalize"/> before sending, returns when
    /// the source confirmed the change and a read-back showed the new value, or when the read-back timed out (see
    /// <see cref="SettingChange.SeenInReadBack"/>).
    /// </summary>
    /// <param name="deviceId">The setting's <see cref="SiteSetting.DeviceId"/>.</param>
    /// <param name="setting">The setting's <see cref="SiteSetting.Name"/>.</param>
    /// <param name="value">The new value as text.</param>
    /// <param name="cancellationToken">Cancels the change (it may have been sent already).</param>
    /// <exception cref="NotSupportedException">The source cannot change settings (<see cref="SiteCapabilities.Control"/> is missing).</exception>
    /// <exception cref="ArgumentException">The device has no such setting, or the value is not one it takes; nothing was sent.</exception>
    /// <exception cref="KiwigridServiceException">The source refused the change; the message says why.</exception>
    Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default);
}
