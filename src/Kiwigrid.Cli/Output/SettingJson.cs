using System.Text.Json;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// Settings as JSON (<c>setting</c> and <c>settingChange</c> in docs/schema/kiwigrid.schema.json): what can be set, its
/// value now and what it takes; a change as the setting before and as read back after.
/// </summary>
internal static class SettingJson
{
    /// <summary>The settings as an array.</summary>
    public static void WriteSettings(Utf8JsonWriter json, IEnumerable<SiteSetting> settings)
    {
        json.WriteStartArray();
        foreach (var setting in settings)
        {
            WriteSetting(json, setting);
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// <c>{"deviceId","deviceName","name","kind":"choice"|"switch"|"number","value","allowedValues","minimum",
    /// "maximum","unit"}</c>: every field always present, null where the setting has none.
    /// </summary>
    public static void WriteSetting(Utf8JsonWriter json, SiteSetting setting)
    {
        json.WriteStartObject();
        json.WriteString("deviceId", setting.DeviceId);
        json.WriteString("deviceName", setting.DeviceName);
        json.WriteString("name", setting.Name);
        json.WriteString("kind", KindName(setting.Kind));
        NullableString(json, "value", setting.Value);
        json.WriteStartArray("allowedValues");
        foreach (var allowed in setting.AllowedValues)
        {
            json.WriteStringValue(allowed);
        }

        json.WriteEndArray();
        NullableNumber(json, "minimum", setting.Minimum);
        NullableNumber(json, "maximum", setting.Maximum);
        NullableString(json, "unit", setting.Unit);
        json.WriteEndObject();
    }

    /// <summary><c>{"before":setting,"after":setting,"seenInReadBack":bool}</c>.</summary>
    public static void WriteChange(Utf8JsonWriter json, SettingChange change)
    {
        json.WriteStartObject();
        json.WritePropertyName("before");
        WriteSetting(json, change.Before);
        json.WritePropertyName("after");
        WriteSetting(json, change.After);
        json.WriteBoolean("seenInReadBack", change.SeenInReadBack);
        json.WriteEndObject();
    }

    public static string KindName(SettingKind kind) => kind switch
    {
        SettingKind.Choice => "choice",
        SettingKind.Switch => "switch",
        _ => "number",
    };

    private static void NullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void NullableNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
