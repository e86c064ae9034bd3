using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>One consumer the site measures, from <c>/home/consumption/consumers</c>.</summary>
/// <param name="Id">The device's HEMS id.</param>
/// <param name="Name">The device's name.</param>
/// <param name="Consumption">The power it draws now, W.</param>
public sealed record HemsConsumer(string Id, string? Name, double? Consumption)
{
    internal static HemsConsumer Read(JsonElement item) => new(
        HemsJson.String(item, "id") ?? throw new KiwigridProtocolException("A consumer in the HEMS API's answer has no id; the API may have changed."),
        HemsJson.String(item, "name"),
        HemsJson.Number(item, "consumption"));
}
