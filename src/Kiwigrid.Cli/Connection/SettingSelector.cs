using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Connection;

/// <summary>
/// Finds the settings a command line names: the device by guid, by name or by kind (as <see cref="DeviceSelector"/>),
/// then the setting by name, ignoring case.
/// </summary>
internal static class SettingSelector
{
    /// <exception cref="CliNotFoundException">No device matches, or it has nothing that can be set.</exception>
    /// <exception cref="CliUsageException">The name matches several devices.</exception>
    public static async Task<IReadOnlyList<SiteSetting>> OfDeviceAsync(
        ISiteSource site, IReadOnlyList<SiteSetting> settings, string selector, CancellationToken cancellationToken)
    {
        var byId = settings.Where(s => string.Equals(s.DeviceId, selector, StringComparison.Ordinal)).ToList();
        if (byId.Count > 0)
        {
            return byId;
        }

        var named = settings.Where(s => string.Equals(s.DeviceName, selector, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.DeviceId).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 1)
        {
            throw new CliUsageException($"'{selector}' names {named.Count} devices; name one by its guid:" + string.Concat(named.Select(id => "\n  " + id)));
        }

        var id = named.Count == 1 ? named[0] : await DeviceIdAsync(site, selector, cancellationToken).ConfigureAwait(false);
        var ofDevice = settings.Where(s => string.Equals(s.DeviceId, id, StringComparison.Ordinal)).ToList();
        return ofDevice.Count > 0
            ? ofDevice
            : throw new CliNotFoundException($"Device '{selector}' has nothing that can be set; run 'kiwigrid settings' to list what can.");
    }

    /// <exception cref="CliNotFoundException">The device has no such setting.</exception>
    public static SiteSetting Find(IReadOnlyList<SiteSetting> ofDevice, string name) =>
        ofDevice.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CliNotFoundException(
            $"{ofDevice[0].DeviceName} has no setting '{name}'; it has {string.Join(", ", ofDevice.Select(s => s.Name))}.");

    /// <summary>A kind (e.g. <c>evstation</c>) is only known from the devices; a source without them knows settings by id and name only.</summary>
    private static async Task<string> DeviceIdAsync(ISiteSource site, string selector, CancellationToken cancellationToken)
    {
        if (!site.Capabilities.HasFlag(SiteCapabilities.Devices))
        {
            throw new CliNotFoundException($"No device with settings has the id or name '{selector}'; run 'kiwigrid settings' to list them.");
        }

        var devices = await site.GetDevicesAsync(cancellationToken).ConfigureAwait(false);
        return DeviceSelector.Find(devices, selector).Guid;
    }
}
