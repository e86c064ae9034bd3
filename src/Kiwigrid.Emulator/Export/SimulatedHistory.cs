using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Query;
using Kiwigrid.Emulator.Simulation;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Export;

/// <summary>
/// The past of a <see cref="SimulatedSite"/>, recomputed: a fresh <see cref="HomeSimulation"/> with the site's
/// options (seed, installation, initial settings) is stepped over the requested span and its devices' readings,
/// the very function that writes the live tag values, are aggregated per row. So the history obeys the live
/// physics and the same request gives the same numbers. Where the rows start at or after the site's origin (its start
/// less its run-up) and the run fits the step budget, the simulation starts where the live one did and retraces it
/// step for step (equal to the live values unless settings were changed at run time); otherwise it starts a day before
/// the first row with
/// the initial state of charge, so the battery has settled. Nothing after the site's simulated now is computed.
/// A requested tag the simulation does not write takes the site's current value as constant when it is a number
/// (e.g. <c>WorkCapacity</c>); anything else has no value.
/// </summary>
internal static class SimulatedHistory
{
    /// <summary>Most simulation steps one export may take; longer spans take proportionally longer steps.</summary>
    public const int MaxSteps = 60_000;

    private static readonly TimeSpan WarmUp = TimeSpan.FromDays(1);

    /// <summary>Aggregates <paramref name="series"/> over <paramref name="rows"/> up to the site's simulated now.</summary>
    public static IntervalAggregation Compute(SimulatedSite site, IReadOnlyList<TagSeries> series, ExportIntervals rows)
    {
        var options = site.Options;
        var now = site.SimulatedNow;
        var aggregation = new IntervalAggregation(rows, [.. series.Select(s => s.Aggregate)]);
        var end = rows.Last < now ? rows.Last : now;
        var first = rows.Start(0);
        if (first >= end)
        {
            return aggregation;
        }

        var step = options.StepLength;
        var liveBegin = options.Origin - step;
        var retrace = first >= options.Origin && (end - liveBegin) / step <= MaxSteps;
        var begin = retrace ? liveBegin : first - WarmUp;
        if (!retrace)
        {
            step *= Math.Max(1, Math.Ceiling((end - begin) / step / MaxSteps));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
        var home = new HomeSimulation(options, zone, begin);
        var devices = new SimulatedDevices(options);
        var settings = new HomeSettings(options.MinimumStateOfCharge, EvStationEnabled: true);
        var index = Index(series);
        var values = new double[series.Count];
        var constants = new double[series.Count];
        var simulated = new bool[series.Count];
        var firstStep = true;

        while (home.Time < end && home.Time + step <= now)
        {
            var start = home.Time;
            home.Step(step, settings);
            foreach (var (guid, tag, value) in devices.Readings(home, home.Time, settings))
            {
                if (index.TryGetValue((guid, tag), out var positions))
                {
                    foreach (var position in positions)
                    {
                        values[position] = NumberIn(value);
                        simulated[position] = true;
                    }
                }
            }

            if (firstStep)
            {
                for (var i = 0; i < series.Count; i++)
                {
                    constants[i] = simulated[i] ? double.NaN : NumberIn(site.Devices.GetValue(series[i].Guid, series[i].Tag));
                }

                firstStep = false;
            }

            for (var i = 0; i < series.Count; i++)
            {
                if (!simulated[i])
                {
                    values[i] = constants[i];
                }
            }

            aggregation.Add(start, home.Time, values);
        }

        return aggregation;
    }

    private static Dictionary<(string Guid, string Tag), List<int>> Index(IReadOnlyList<TagSeries> series)
    {
        var index = new Dictionary<(string, string), List<int>>();
        for (var i = 0; i < series.Count; i++)
        {
            var key = (series[i].Guid, series[i].Tag);
            if (!index.TryGetValue(key, out var positions))
            {
                index[key] = positions = [];
            }

            positions.Add(i);
        }

        return index;
    }

    /// <summary>A tag value as a number; NaN for anything else (strings, booleans, objects, null).</summary>
    private static double NumberIn(JsonNode? node) => DocumentPath.TryNumber(node, out var number) ? number : double.NaN;
}
