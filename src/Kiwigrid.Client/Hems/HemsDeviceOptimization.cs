using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>What can be controlled on one device, from <c>/device/optimization</c>.</summary>
/// <param name="Id">The device's HEMS id.</param>
/// <param name="Name">The device's name.</param>
/// <param name="SupportedModes">The optimization modes it takes, e.g. <c>NOT_OPTIMIZED</c>, <c>PV_EXCESS</c>, <c>DEPARTURE_TIME</c>.</param>
/// <param name="Mode">The optimization mode now (<c>config.optimization_mode</c>).</param>
/// <param name="SupportsSwitching">Whether it can be switched on and off.</param>
/// <param name="SwitchState">The switch state now, <c>ON</c> or <c>OFF</c>.</param>
public sealed record HemsDeviceOptimization(
    string Id,
    string? Name,
    IReadOnlyList<string> SupportedModes,
    string? Mode,
    bool? SupportsSwitching,
    string? SwitchState)
{
    internal static HemsDeviceOptimization Read(JsonElement item) => new(
        HemsJson.String(item, "id") ?? throw new KiwigridProtocolException("A device in the HEMS API's optimization list has no id; the API may have changed."),
        HemsJson.String(item, "name"),
        HemsJson.Strings(item, "supported_optimization_modes"),
        HemsJson.Object(item, "config") is { } config ? HemsJson.String(config, "optimization_mode") : null,
        HemsJson.Bool(item, "supports_switching"),
        HemsJson.String(item, "switch_state"));
}
