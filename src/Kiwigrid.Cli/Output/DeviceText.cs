using System.Text.Json;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Cli.Output;

/// <summary>How devices and tag values read as plain text.</summary>
internal static class DeviceText
{
    /// <summary>The kind, or for an unknown one the last part of its most specific class.</summary>
    public static string Kind(Device device) =>
        device.Kind != DeviceKind.Unknown
            ? device.Kind.ToString()
            : device.MostSpecificClass?.Split('.')[^1] ?? DeviceKind.Unknown.ToString();

    /// <summary>A tag value for a person or a script: strings bare, everything else as JSON.</summary>
    public static string Value(TagValue tag) => tag.Value.ValueKind switch
    {
        JsonValueKind.String => tag.Value.GetString()!,
        JsonValueKind.Undefined => "null",
        _ => tag.Value.GetRawText(),
    };
}
