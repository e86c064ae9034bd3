using System.Globalization;
using System.Text.Json;
using Kiwigrid.Client.Sources;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>settings</c> table (device, setting, value, what it takes) and its JSON, and the lines <c>set</c> prints.
/// </summary>
internal static class SettingTable
{
    public static IRenderable Render(IReadOnlyList<SiteSetting> settings)
    {
        var table = new Table()
            .AddColumn(new TableColumn("Device").NoWrap())
            .AddColumn(new TableColumn("Setting").NoWrap())
            .AddColumn(new TableColumn("Value").NoWrap())
            .AddColumn(new TableColumn("Takes"));
        foreach (var setting in settings)
        {
            table.AddRow(new Text(setting.DeviceName), new Text(setting.Name), new Text(Value(setting)), new Text(Takes(setting)));
        }

        return table;
    }

    /// <summary>The value with its unit; "—" when the source does not say.</summary>
    public static string Value(SiteSetting setting) =>
        setting.Value is null ? "—" : setting.Unit is null ? setting.Value : $"{setting.Value} {setting.Unit}";

    /// <summary>"ON, OFF" for a choice or switch; "0 to 100 %" for a number.</summary>
    public static string Takes(SiteSetting setting)
    {
        if (setting.Kind != SettingKind.Number)
        {
            return string.Join(", ", setting.AllowedValues);
        }

        var unit = setting.Unit is null ? "" : " " + setting.Unit;
        return (setting.Minimum, setting.Maximum) switch
        {
            ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"{min} to {max}{unit}"),
            ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"at least {min}{unit}"),
            (null, { } max) => string.Create(CultureInfo.InvariantCulture, $"at most {max}{unit}"),
            _ => "a number" + unit,
        };
    }

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

    /// <summary>
    /// "Keba: switch_state ON → OFF (read back)", or, when the read-back did not show it in time, what was sent and
    /// what the installation still shows.
    /// </summary>
    public static string Change(SettingChange change, string requested)
    {
        var before = change.Before;
        return change.SeenInReadBack
            ? $"{before.DeviceName}: {before.Name} {Value(before)} → {Value(change.After)} (read back)"
            : $"{before.DeviceName}: {before.Name} {Value(before)} → {Value(before with { Value = requested })} accepted, but the installation still shows {Value(change.After)}; it may apply it a little later.";
    }
}
