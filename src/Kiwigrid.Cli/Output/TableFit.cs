using Spectre.Console;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// Whether a bordered table fits the terminal without wrapping a cell: guids and names must stay whole so they can be
/// copied, so a table that would wrap one is laid out another way instead (see <see cref="DeviceTable"/>).
/// </summary>
internal static class TableFit
{
    /// <summary>
    /// The width of a table whose columns are as wide as their widest cell: each column has a space either side and
    /// a border after it, plus the border before the first.
    /// </summary>
    public static int Width(params IEnumerable<IEnumerable<string>> columns) =>
        1 + columns.Sum(cells => cells.Max(cell => cell.GetCellWidth()) + 3);
}
