namespace Kiwigrid.Client.Sources;

/// <summary>The outcome of <see cref="ISiteSource.ChangeSettingAsync"/>: the setting before and as read back after.</summary>
/// <param name="Before">The setting as read just before the change was sent.</param>
/// <param name="After">The setting as last read back after the source confirmed the change.</param>
/// <param name="SeenInReadBack">
/// Whether a read-back showed the new value before the timeout; false means the source confirmed the change but the
/// installation had not shown it yet (<see cref="After"/> then holds what it did show).
/// </param>
public sealed record SettingChange(SiteSetting Before, SiteSetting After, bool SeenInReadBack);
