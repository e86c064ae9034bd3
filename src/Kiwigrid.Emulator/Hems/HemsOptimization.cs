using System.Text.Json;

using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// What <c>/device/optimization</c> lists for one device and what its writes may change (our design: which kinds
/// take which modes). EV stations take the portal's three modes and can be switched (<c>ModeStation</c>); plugs take
/// <c>NOT_OPTIMIZED</c> and <c>PV_EXCESS</c> and can be switched (<c>ModeRelay</c>); smart heaters take the same two
/// modes but run on their own thermostat, so they cannot be switched. The mode lives in
/// <see cref="WritableSettings.OptimizationMode"/>; absent means <c>NOT_OPTIMIZED</c>.
/// </summary>
internal sealed record HemsOptimization(HemsDevice Device, IReadOnlyList<string> SupportedModes, string? SwitchTag)
{
    public const string NotOptimized = "NOT_OPTIMIZED";

    private static readonly string[] StationModes = [NotOptimized, "PV_EXCESS", "DEPARTURE_TIME"];
    private static readonly string[] ApplianceModes = [NotOptimized, "PV_EXCESS"];

    public bool SupportsSwitching => SwitchTag is not null;

    public string Mode => Device.Text(WritableSettings.OptimizationMode) ?? NotOptimized;

    /// <summary>
    /// <c>OFF</c> when the switch tag says so; a plug from a dump without <c>ModeRelay</c> counts as off while it draws
    /// nothing.
    /// </summary>
    public string SwitchState => Device.Text(SwitchTag!) switch
    {
        { } state => string.Equals(state, "OFF", StringComparison.OrdinalIgnoreCase) ? "OFF" : "ON",
        null => Device.Number("Power" + Device.DrawSuffix) <= 0 ? "OFF" : "ON",
    };

    /// <summary>The tag value that switches the device: a station's <c>STANDBY</c> lets it charge again.</summary>
    public string SwitchValue(bool on) => Device.Kind == HemsDeviceKind.EvStation ? (on ? "STANDBY" : "OFF") : (on ? "ON" : "OFF");

    public static IEnumerable<HemsOptimization> Of(HemsSnapshot home)
    {
        foreach (var device in home.Devices)
        {
            var optimization = device.Kind switch
            {
                HemsDeviceKind.EvStation => new HemsOptimization(device, StationModes, WritableSettings.StationMode),
                HemsDeviceKind.Plug => new HemsOptimization(device, ApplianceModes, WritableSettings.PlugRelay),
                HemsDeviceKind.SmartHeater => new HemsOptimization(device, ApplianceModes, null),
                _ => null,
            };
            if (optimization is not null)
            {
                yield return optimization;
            }
        }
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Device.Guid);
        w.WriteString("name", Device.Name);
        w.WriteStartArray("supported_optimization_modes");
        foreach (var mode in SupportedModes)
        {
            w.WriteStringValue(mode);
        }

        w.WriteEndArray();
        w.WriteBoolean("supports_switching", SupportsSwitching);
        if (SupportsSwitching)
        {
            w.WriteString("switch_state", SwitchState);
        }

        w.WriteStartObject("config");
        w.WriteString("optimization_mode", Mode);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
