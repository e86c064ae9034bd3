using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>The owner's profile, from <c>/user/profile</c>; only the currency is publicly known.</summary>
/// <param name="Currency">The currency of the finance analytics, e.g. <c>EUR</c>.</param>
public sealed record HemsUserProfile(string? Currency)
{
    internal static HemsUserProfile Read(JsonElement item) => new(HemsJson.String(item, "currency"));
}
