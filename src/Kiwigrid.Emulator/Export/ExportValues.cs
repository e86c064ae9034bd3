using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Export;

/// <summary>
/// The numbers of an export, column by column and row by row, in the tags' own units. A column is the sum of its
/// sources; it has no value in a row where any source has none (unknown device or tag, a row after the site's
/// simulated now, a site without history). Only a <see cref="SimulatedSite"/> has a history: a replayed dump is one
/// captured moment, so every cell of its export is empty.
/// </summary>
internal static class ExportValues
{
    /// <summary><c>[column][row]</c>, null where there is no value.</summary>
    public static double?[][] Compute(ISite site, ExportRequest request)
    {
        var series = request.Columns.SelectMany(c => c.Sources).Distinct().ToList();
        var rows = request.Intervals;
        IntervalAggregation? history = null;
        if (site is SimulatedSite simulated)
        {
            site.Update();
            history = SimulatedHistory.Compute(simulated, series, rows);
        }

        var position = new Dictionary<TagSeries, int>();
        for (var i = 0; i < series.Count; i++)
        {
            position[series[i]] = i;
        }

        var table = new double?[request.Columns.Count][];
        for (var c = 0; c < table.Length; c++)
        {
            var sources = request.Columns[c].Sources;
            table[c] = new double?[rows.Count];
            for (var row = 0; history is not null && row < rows.Count; row++)
            {
                double? sum = 0;
                foreach (var source in sources)
                {
                    sum += history.Value(position[source], row);
                }

                table[c][row] = sum;
            }
        }

        return table;
    }
}
