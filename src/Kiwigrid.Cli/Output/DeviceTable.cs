using Kiwigrid.Client.Devices;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>The <c>devices</c> table: name, kind, state and guid of every device.</summary>
internal static class DeviceTable
{
    public static IRenderable Render(IEnumerable<Device> devices)
    {
        var table = new Table().AddColumn("Name").AddColumn("Kind").AddColumn("State").AddColumn("Guid");
        foreach (var device in devices)
        {
            table.AddRow(
                new Text(device.Name ?? "(unnamed)"),
                new Text(DeviceText.Kind(device)),
                new Text(device.GetString(TagNames.StateDevice) ?? PowerText.Missing),
                new Text(device.Guid));
        }

        return table;
    }
}
