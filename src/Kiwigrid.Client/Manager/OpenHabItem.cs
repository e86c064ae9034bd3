using System.Text.Json;
using System.Text.RegularExpressions;
using Kiwigrid.Client.Hems;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// One openHAB item of old Manager firmware (<c>GET /rest/items</c>): its name, <c>&lt;thing uid, non-alphanumerics as
/// _&gt;_harmonized_&lt;tag&gt;</c>, and its state as text.
/// </summary>
internal sealed partial record OpenHabItem(string Name, string? State)
{
    public const string Path = "/rest/items";

    private const string Separator = "_harmonized_";

    /// <summary>The thing part of the name (before <c>_harmonized_</c>); null for an item that is not a harmonized tag.</summary>
    public string? ThingKey => Name.IndexOf(Separator, StringComparison.Ordinal) is var at and > 0 ? Name[..at] : null;

    /// <summary>The tag part of the name, e.g. <c>power_in</c>.</summary>
    public string? Tag => Name.IndexOf(Separator, StringComparison.Ordinal) is var at and > 0 ? Name[(at + Separator.Length)..] : null;

    /// <summary>A thing uid as it appears in item names: every run of characters other than letters and digits becomes <c>_</c>.</summary>
    public static string KeyOf(string thingUid) => NonAlphanumerics().Replace(thingUid, "_");

    public static IReadOnlyList<OpenHabItem> ParseList(byte[] body) =>
        ManagerJson.Parse(body, Path, JsonValueKind.Array, array => (IReadOnlyList<OpenHabItem>)
            [.. array.EnumerateArray()
                .Where(item => item.ValueKind == JsonValueKind.Object && HemsJson.String(item, "name") is { Length: > 0 })
                .Select(item => new OpenHabItem(HemsJson.String(item, "name")!, HemsJson.String(item, "state")))]);

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonAlphanumerics();
}
