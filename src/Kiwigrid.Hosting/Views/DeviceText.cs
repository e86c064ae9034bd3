using System.Globalization;
using System.Text.Json;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Views;

/// <summary>How devices and tag values read as plain text.</summary>
internal static class DeviceText
{
    /// <summary>The kind, or for an unknown one the last part of its most specific class.</summary>
    public static string Kind(Device device) =>
        device.Kind != DeviceKind.Unknown
            ? device.Kind.ToString()
            : device.MostSpecificClass?.Split('.')[^1] ?? DeviceKind.Unknown.ToString();

    /// <summary>
    /// A tag value for a person or a script: strings bare, numbers rounded for their unit
    /// (<see cref="DisplayPrecision"/>), objects and arrays as compact JSON on one line.
    /// </summary>
    public static string Value(TagValue tag) =>
        DisplayPrecision.Rounded(tag) is { } number ? number.ToString(CultureInfo.InvariantCulture) : RawValue(tag);

    /// <summary>A tag value with the device's full precision, for <c>export</c>: strings bare, the rest compact JSON.</summary>
    public static string RawValue(TagValue tag) => tag.Kind switch
    {
        JsonValueKind.String => tag.AsString()!,
        JsonValueKind.Undefined => "null",
        JsonValueKind.Object or JsonValueKind.Array => JsonText.Write(tag.Value.WriteTo, indented: false),
        _ => tag.Json.ToString(),
    };

    /// <summary>
    /// <paramref name="text"/> cut to <paramref name="width"/> characters, the cut marked with <c>…</c>, for a table cell
    /// that shows a long value on one line.
    /// </summary>
    public static string Truncate(string text, int width) =>
        text.Length <= width ? text : string.Concat(text.AsSpan(0, Math.Max(width - 1, 0)), "…");
}
