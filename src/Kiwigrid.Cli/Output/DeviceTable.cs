using Kiwigrid.Client.Devices;
using Kiwigrid.Hosting.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The <c>devices</c> table: name, kind, state and guid of every device. Names and guids are never broken across
/// lines (a guid is copied into the next command): when the four columns do not fit the terminal, the guid moves to
/// its own line under the name, and below the width of that, each device is two plain lines (<see cref="Lines"/>).
/// </summary>
internal static class DeviceTable
{
    private const string NameHeader = "Name";
    private const string KindHeader = "Kind";
    private const string StateHeader = "State";
    private const string GuidHeader = "Guid";

    /// <summary>The table that fits <paramref name="width"/> columns; null when none does.</summary>
    public static IRenderable? Render(IEnumerable<Device> devices, int width)
    {
        var rows = devices.Select(Row.Of).ToList();
        var names = rows.Select(r => r.Name).Append(NameHeader).ToList();
        var kinds = rows.Select(r => r.Kind).Append(KindHeader).ToList();
        var states = rows.Select(r => r.State).Append(StateHeader).ToList();
        var guids = rows.Select(r => r.Guid).Append(GuidHeader).ToList();

        if (TableFit.Width(names, kinds, states, guids) <= width)
        {
            var table = Table(NameHeader, KindHeader, StateHeader, GuidHeader);
            rows.ForEach(r => table.AddRow(new Text(r.Name), new Text(r.Kind), new Text(r.State), new Text(r.Guid)));
            return table;
        }

        if (TableFit.Width([.. names, .. guids], kinds, states) <= width)
        {
            var table = Table($"{NameHeader} / {GuidHeader}", KindHeader, StateHeader);
            rows.ForEach(r => table.AddRow(new Rows(new Text(r.Name), new Text(r.Guid, new Style(Color.Grey))), new Text(r.Kind), new Text(r.State)));
            return table;
        }

        return null;
    }

    /// <summary>
    /// Two plain lines per device, name, kind and state, then the guid: written as they are, so a guid longer than the
    /// terminal is wrapped by the terminal alone and still copies as one.
    /// </summary>
    public static IEnumerable<string> Lines(IEnumerable<Device> devices) =>
        devices.Select(Row.Of).SelectMany(r => new[] { $"{r.Name}  {r.Kind}  {r.State}", "  " + r.Guid });

    private static Table Table(params string[] headers)
    {
        var table = new Table();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(header).NoWrap());
        }

        return table;
    }

    private sealed record Row(string Name, string Kind, string State, string Guid)
    {
        public static Row Of(Device device) =>
            new(device.Name ?? "(unnamed)", DeviceText.Kind(device), device.GetString(TagNames.StateDevice) ?? PowerText.Missing, device.Guid);
    }
}
