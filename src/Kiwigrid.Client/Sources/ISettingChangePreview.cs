namespace Kiwigrid.Client.Sources;

/// <summary>
/// Optional beside <see cref="ISiteSource"/>: says what <see cref="ISiteSource.ChangeSettingAsync"/> would send,
/// without sending it (a dry run). The setting is read and the value checked exactly as for the change.
/// </summary>
public interface ISettingChangePreview
{
    /// <summary>The request that would change the setting.</summary>
    /// <param name="deviceId">The setting's <see cref="SiteSetting.DeviceId"/>.</param>
    /// <param name="setting">The setting's <see cref="SiteSetting.Name"/>.</param>
    /// <param name="value">The new value as text.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">The device has no such setting, or the value is not one it takes.</exception>
    Task<SettingRequest> PreviewChangeAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default);
}
