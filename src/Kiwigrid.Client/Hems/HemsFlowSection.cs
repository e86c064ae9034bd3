using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>One section of <c>/energy-flow</c> (consumption, grid, PV, battery, EV), W, seen from that section.</summary>
/// <param name="In">Power flowing in: consumed by the house, drawn from the grid, charged into the battery or the car.</param>
/// <param name="Out">Power flowing out: fed into the grid, produced by PV, discharged by the battery.</param>
/// <param name="Balance">In − out, W.</param>
/// <param name="Devices">The devices' shares, when the API lists them.</param>
public sealed record HemsFlowSection(double? In, double? Out, double? Balance, IReadOnlyList<HemsFlowDevice> Devices)
{
    /// <summary>A section the answer does not have.</summary>
    public static HemsFlowSection Empty { get; } = new(null, null, null, []);

    internal static HemsFlowSection Read(JsonElement section) => new(
        HemsJson.Number(section, "in"),
        HemsJson.Number(section, "out"),
        HemsJson.Number(section, "balance"),
        HemsJson.Objects(section, "devices", HemsFlowDevice.Read));
}
