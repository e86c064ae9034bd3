using System.Globalization;
using System.Text.Json.Nodes;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Sources;

/// <summary>
/// Which tags of the 2018 cloud's devices are offered as settings (our design, PROTOCOL-NOTES.md "Control"): the
/// wire does not say which tags are writable, so only the owner's settings the device model documents, by device
/// kind and where the device carries the tag — a battery's reserve (<c>StateOfChargeMinimum</c>, 0–100 %), an EV
/// station's <c>ModeStation</c> and a plug's <c>ModeRelay</c>, both as switches (<c>ON</c>/<c>OFF</c>; a station is
/// switched on by <c>STANDBY</c>, and reads <c>ON</c> while <c>STANDBY</c> or <c>CHARGING</c>). A tag the cloud
/// refuses to write comes back in <c>mergeDevice</c>'s failed tags, so a wrong guess is refused, not applied.
/// </summary>
internal static class LegacySettings
{
    private static readonly string[] OnOff = ["ON", "OFF"];

    public static IEnumerable<SiteSetting> Of(Device device)
    {
        var name = device.Name ?? device.Guid;
        switch (device.Kind)
        {
            case DeviceKind.Battery when device.GetTag(TagNames.StateOfChargeMinimum) is { } reserve:
                yield return new SiteSetting(device.Guid, name, reserve.Name, SettingKind.Number, Number(reserve.AsDouble()), [])
                {
                    Minimum = 0, Maximum = 100, Unit = "%",
                };
                break;
            case DeviceKind.EVStation when device.GetTag(TagNames.ModeStation) is { } mode:
                yield return Switch(device.Guid, name, mode);
                break;
            case DeviceKind.Plug when device.GetTag(TagNames.ModeRelay) is { } relay:
                yield return Switch(device.Guid, name, relay);
                break;
        }
    }

    /// <summary>The tag value that carries <paramref name="value"/> (already normalized by the setting).</summary>
    public static JsonNode Value(SiteSetting setting, string value) => setting switch
    {
        { Kind: SettingKind.Number } => JsonValue.Create(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)),
        { Name: TagNames.ModeStation } => JsonValue.Create(value == "ON" ? "STANDBY" : "OFF"),
        _ => JsonValue.Create(value),
    };

    private static SiteSetting Switch(string guid, string name, TagValue tag)
    {
        var state = tag.AsString();
        var value = state is null ? null : string.Equals(state, "OFF", StringComparison.OrdinalIgnoreCase) ? "OFF" : "ON";
        return new SiteSetting(guid, name, tag.Name, SettingKind.Switch, value, OnOff);
    }

    private static string? Number(double? value) => value?.ToString(CultureInfo.InvariantCulture);
}
