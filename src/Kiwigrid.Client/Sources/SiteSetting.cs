namespace Kiwigrid.Client.Sources;

/// <summary>
/// One thing an installation lets its owner set, with its value now.
/// </summary>
/// <param name="DeviceId">The device it belongs to (a Kiwigrid guid, or the HEMS device id).</param>
/// <param name="DeviceName">The device's name as the installation shows it.</param>
/// <param name="Name">The setting (a tag name on the event bus, e.g. <c>optimization_mode</c> on the HEMS API).</param>
/// <param name="Value">The value now, as text; null when the source does not say.</param>
/// <param name="AllowedValues">The values it takes when they are a fixed set; empty otherwise.</param>
public sealed record SiteSetting(string DeviceId, string DeviceName, string Name, string? Value, IReadOnlyList<string> AllowedValues);
