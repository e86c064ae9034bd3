using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>One device's share of a section of <c>/energy-flow</c>, W; what the API does not send is null.</summary>
/// <param name="Id">The device's HEMS id.</param>
/// <param name="In">Power flowing into the device, W.</param>
/// <param name="Out">Power flowing out of the device, W.</param>
/// <param name="StateOfCharge">A battery's state of charge, 0–1.</param>
/// <param name="Balance">In − out, W.</param>
public sealed record HemsFlowDevice(string Id, double? In, double? Out, double? StateOfCharge, double? Balance)
{
    internal static HemsFlowDevice Read(JsonElement item) => new(
        HemsJson.String(item, "id") ?? string.Empty,
        HemsJson.Number(item, "in"),
        HemsJson.Number(item, "out"),
        HemsJson.Number(item, "soc"),
        HemsJson.Number(item, "balance"));
}
