using Kiwigrid.Client.Devices;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>The <c>tags</c> table: every tag of one device with its value and unit, sorted by name.</summary>
internal static class TagTable
{
    public static IRenderable Render(Device device)
    {
        var table = new Table()
        {
            Title = new TableTitle($"{device.Name ?? "(unnamed)"} ({DeviceText.Kind(device)}, {device.Guid})"),
        };
        table.AddColumn("Tag").AddColumn("Value").AddColumn("Unit");
        foreach (var tag in device.Tags.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            table.AddRow(new Text(tag.Name), new Text(DeviceText.Value(tag)), new Text(tag.Unit ?? string.Empty));
        }

        return table;
    }
}
