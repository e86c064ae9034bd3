using CsCheck;

using Kiwigrid.Client.Counters;

namespace Kiwigrid.Client.Tests.Counters;

/// <summary>
/// Random days of a site: totals so far that rise and fall back (late corrections, a 0 after midnight), repeated
/// observations, restarts, each day's final total arriving live, after midnight or in a later span. The published
/// counters never decrease and end at the exact sum of the days' final totals.
/// </summary>
public sealed class EnergyCounterLedgerProperties : IDisposable
{
    private static readonly EnergyQuantity[] Quantities = [EnergyQuantity.Production, EnergyQuantity.GridImport, EnergyQuantity.BatteryCharge];
    private static readonly DateOnly FirstDay = new(2026, 10, 20);

    private static readonly Gen<Poll> PollGen = Gen.Select(Gen.Int[0, Quantities.Length - 1], Gen.Double[0, 1], Gen.Int[0, 4], Gen.Int[0, 5])
        .Select((quantity, fraction, repeat, restart) => new Poll(quantity, fraction, repeat == 0, restart == 0));

    private static readonly Gen<DayPlan> DayGen = Gen.Select(Gen.Int[0, 400_000].Array[Quantities.Length], PollGen.Array[0, 8], Gen.Bool, Gen.Int[0, 8], Gen.Bool, Gen.Bool)
        .Select((tenths, polls, finalLive, finalDelay, spanAfter, restartAtMidnight) => new DayPlan(
            [.. tenths.Select(tenth => tenth / 10m)], polls, finalLive, finalDelay, spanAfter, restartAtMidnight));

    private readonly string directory = Directory.CreateTempSubdirectory("kiwigrid-counters-").FullName;

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Counters_never_decrease_and_end_at_the_sum_of_each_day_s_final_total()
    {
        DayGen.Array[1, 8].Sample(days =>
        {
            string statePath = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".json");
            SiteClock clock = new(FirstDay, hour: 0);
            SiteRun run = new(clock, statePath);

            for (int index = 0; index < days.Length; index++)
            {
                DateOnly day = FirstDay.AddDays(index);
                DayPlan plan = days[index];
                DayPlan? yesterday = index > 0 ? days[index - 1] : null;
                for (int slot = 0; slot <= plan.Polls.Length; slot++)
                {
                    clock.SetLocal(day, hour: Math.Min(23, 1 + (2 * slot)));
                    if (yesterday is not null && slot == Math.Min(yesterday.FinalDelay, plan.Polls.Length))
                    {
                        // Yesterday's finals after midnight, maybe after some of today's polls, maybe with the days before it.
                        int from = yesterday.SpanAfter ? Math.Max(0, index - 3) : index - 1;
                        run.Observe([.. Enumerable.Range(from, index - from).SelectMany(past =>
                            Quantities.Select((quantity, q) => new EnergyDayTotal(quantity, FirstDay.AddDays(past), (double)days[past].Finals[q])))]);
                    }

                    if (slot < plan.Polls.Length)
                    {
                        Poll poll = plan.Polls[slot];
                        double soFar = (double)Math.Round(plan.Finals[poll.Quantity] * (decimal)poll.Fraction, 1);
                        run.Observe([new(Quantities[poll.Quantity], day, soFar)]);
                        if (poll.Repeat)
                        {
                            run.Observe([new(Quantities[poll.Quantity], day, soFar)]);
                        }

                        if (poll.Restart)
                        {
                            run.Restart();
                        }
                    }
                }

                if (plan.FinalLive || index == days.Length - 1)
                {
                    clock.SetLocal(day, hour: 23);
                    run.Observe([.. Quantities.Select((quantity, q) => new EnergyDayTotal(quantity, day, (double)plan.Finals[q]))]);
                }

                if (plan.RestartAtMidnight)
                {
                    run.Restart();
                }
            }

            run.Restart();
            for (int q = 0; q < Quantities.Length; q++)
            {
                decimal expected = days.Sum(day => day.Finals[q]);
                Assert.Equal((double)expected, run.Ledger.GetCounter(Quantities[q]));
            }
        }, iter: 50);
    }

    private sealed record Poll(int Quantity, double Fraction, bool Repeat, bool Restart);

    private sealed record DayPlan(decimal[] Finals, Poll[] Polls, bool FinalLive, int FinalDelay, bool SpanAfter, bool RestartAtMidnight);

    /// <summary>A ledger that restarts from its file, checked after every observation never to publish less than before.</summary>
    private sealed class SiteRun(SiteClock clock, string statePath)
    {
        private readonly Dictionary<EnergyQuantity, double> published = [];

        public EnergyCounterLedger Ledger { get; private set; } = new(SiteClock.Berlin, clock.Time, statePath);

        public void Observe(EnergyDayTotal[] dayTotals)
        {
            Ledger.Observe(dayTotals);
            CheckNeverLower();
        }

        public void Restart()
        {
            Ledger = new EnergyCounterLedger(SiteClock.Berlin, clock.Time, statePath);
            CheckNeverLower();
        }

        private void CheckNeverLower()
        {
            foreach (EnergyQuantity quantity in Quantities)
            {
                double now = Ledger.GetCounter(quantity) ?? 0;
                double before = published.GetValueOrDefault(quantity);
                Assert.True(now >= before, $"{quantity} went down from {before} to {now} Wh.");
                published[quantity] = now;
            }
        }
    }
}
