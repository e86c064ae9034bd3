using System.Text.Json;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// Settings as JSON, one shape for the command line and serve (<c>setting</c> and <c>settingChange</c> in
/// docs/schema/kiwigrid.schema.json): a setting as <see cref="SettingTable.Write"/> writes it; a change as the
/// value before, the value asked for and the value read back after.
/// </summary>
internal static class SettingJson
{
    /// <summary><c>settings --json</c>, <c>GET /api/settings</c>: the settings as an array.</summary>
    public static void WriteSettings(Utf8JsonWriter json, IEnumerable<SiteSetting> settings)
    {
        json.WriteStartArray();
        foreach (var setting in settings)
        {
            SettingTable.Write(json, setting);
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// <c>set --json</c>, <c>POST /api/settings/{device}/{setting}</c>:
    /// <c>{"deviceId","device","setting","requested","before","after","seenInReadBack"}</c>.
    /// </summary>
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
