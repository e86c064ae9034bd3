using Kiwigrid.Client.Devices;
using Kiwigrid.Hosting.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>tags</c> table: every tag of one device with its value and unit, sorted by name, under a line naming the
/// device and its guid. One line per tag: tag names are never broken, and a value too long for the terminal (an
/// object such as <c>MapInstallationDetails</c>, as compact JSON) is cut with <c>…</c>; <c>get</c> and
/// <c>--json</c> print it whole.
/// </summary>
internal static class TagTable
{
    /// <summary>Below this the value column would say nothing; the terminal wraps the rows instead.</summary>
    private const int NarrowestValue = 12;

    public static IRenderable Render(Device device, int width)
    {
        var tags = device.Tags.Values.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (t.Name, Value: DeviceText.Value(t), Unit: t.Unit ?? string.Empty))
            .ToList();
        var names = tags.Select(t => t.Name).Append("Tag").ToList();
        var units = tags.Select(t => t.Unit).Append("Unit").ToList();
        var valueWidth = Math.Max(width - TableFit.Width(names, units) - 3, NarrowestValue);

        var table = new Table()
            .AddColumn(new TableColumn("Tag").NoWrap())
            .AddColumn(new TableColumn("Value").NoWrap())
            .AddColumn(new TableColumn("Unit").NoWrap());
        foreach (var (name, value, unit) in tags)
        {
            table.AddRow(new Text(name), new Text(DeviceText.Truncate(value, valueWidth)), new Text(unit));
        }

        var title = $"{device.Name ?? "(unnamed)"} ({DeviceText.Kind(device)})";
        var heading = (title + "  " + device.Guid).GetCellWidth() <= width ? title + "  " + device.Guid : title + "\n" + device.Guid;
        return new Rows(new Text(heading), table);
    }
}
