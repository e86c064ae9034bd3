namespace Kiwigrid.Client.Sources;

/// <summary>Finds one setting among a source's, or says in one sentence what exists instead.</summary>
internal static class SettingLookup
{
    public static SiteSetting Find(IReadOnlyList<SiteSetting> settings, string deviceId, string setting)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentException.ThrowIfNullOrEmpty(setting);
        var ofDevice = settings.Where(s => string.Equals(s.DeviceId, deviceId, StringComparison.Ordinal)).ToList();
        if (ofDevice.Count == 0)
        {
            var devices = settings.Select(s => $"{s.DeviceName} ({s.DeviceId})").Distinct(StringComparer.Ordinal).ToList();
            throw new ArgumentException(devices.Count == 0
                ? $"There is no device '{deviceId}' with settings; this installation has nothing that can be set."
                : $"There is no device '{deviceId}' with settings; devices with settings: {string.Join(", ", devices)}.", nameof(deviceId));
        }

        return ofDevice.Find(s => string.Equals(s.Name, setting, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"{ofDevice[0].DeviceName} has no setting '{setting}'; it has {string.Join(", ", ofDevice.Select(s => s.Name))}.", nameof(setting));
    }

    /// <summary>Whether a read-back shows <paramref name="expected"/> (numbers compared as numbers).</summary>
    public static bool Shows(SiteSetting setting, string expected) =>
        setting.Value is { } value
        && (string.Equals(value, expected, StringComparison.OrdinalIgnoreCase)
            || (setting.Kind == SettingKind.Number
                && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a)
                && double.TryParse(expected, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b)
                && Math.Abs(a - b) < 1e-9));
}
