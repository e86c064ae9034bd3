using System.Globalization;
using Kiwigrid.Client.Sources;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>settings</c> table (device, setting, value, what it takes) and the lines <c>set</c> prints; the JSON is
/// <see cref="Kiwigrid.Hosting.Views.SettingJson"/>, shared with serve.
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
