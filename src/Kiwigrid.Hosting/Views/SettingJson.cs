using System.Text.Json;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Hosting.Views;

/// <summary>Settings and changes as JSON: <c>settings --json</c>, <c>set --json</c> and serve's <c>/api/settings</c>.</summary>
internal static class SettingJson
{
    /// <summary>One setting as <c>settings --json</c> prints it (schema <c>setting</c>).</summary>
    public static void Write(Utf8JsonWriter json, SiteSetting setting)
    {
        json.WriteStartObject();
        json.WriteString("deviceId", setting.DeviceId);
        json.WriteString("device", setting.DeviceName);
        json.WriteString("setting", setting.Name);
        json.WriteString("kind", setting.Kind.ToString().ToLowerInvariant());
        json.WriteString("value", setting.Value);
        json.WriteStartArray("allowedValues");
        foreach (var allowed in setting.AllowedValues)
        {
            json.WriteStringValue(allowed);
        }

        json.WriteEndArray();
        if (setting.Minimum is { } minimum)
        {
            json.WriteNumber("minimum", minimum);
        }

        if (setting.Maximum is { } maximum)
        {
            json.WriteNumber("maximum", maximum);
        }

        if (setting.Unit is { } unit)
        {
            json.WriteString("unit", unit);
        }

        json.WriteEndObject();
    }

    /// <summary>A change as <c>set --json</c> prints it (schema <c>settingChange</c>).</summary>
    public static void WriteChange(Utf8JsonWriter json, SettingChange change, string requested)
    {
        json.WriteStartObject();
        json.WriteString("deviceId", change.Before.DeviceId);
        json.WriteString("device", change.Before.DeviceName);
        json.WriteString("setting", change.Before.Name);
        json.WriteString("requested", requested);
        json.WriteString("before", change.Before.Value);
        json.WriteString("after", change.After.Value);
        json.WriteBoolean("seenInReadBack", change.SeenInReadBack);
        json.WriteEndObject();
    }
}
