using System.Diagnostics;

namespace Kiwigrid.Cli.Tests;

/// <summary>The fake clock passes while the code waits for it, and stands still while the machine is busy.</summary>
[Collection(AloneInTheProcess.Name)]
public sealed class ClockPumpTests
{
    [Fact]
    public async Task The_clock_moves_as_far_as_the_code_waits_and_no_further()
    {
        var clock = new PumpedClock();
        var start = clock.GetUtcNow();
        await using (new ClockPump(clock))
        {
            await Task.Delay(TimeSpan.FromSeconds(30), clock).WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(start + TimeSpan.FromSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public async Task A_reply_that_keeps_a_loaded_machine_busy_for_a_second_does_not_time_out_after_30_fake_seconds()
    {
        var clock = new PumpedClock();
        await using (new ClockPump(clock))
        {
            // The work stands for a request being answered on a machine whose cores are taken: its thread runs or
            // waits for a CPU the whole time, which is what the pump must not mistake for waiting on the clock.
            var reply = Task.Run(() =>
            {
                var busy = Stopwatch.StartNew();
                while (busy.Elapsed < TimeSpan.FromSeconds(1))
                {
                    Thread.SpinWait(1000);
                }

                return "reply";
            });

            Assert.Equal("reply", await reply.WaitAsync(TimeSpan.FromSeconds(30), clock));
        }
    }
}
