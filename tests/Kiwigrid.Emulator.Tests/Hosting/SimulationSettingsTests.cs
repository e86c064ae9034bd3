using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;

using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Hosting;

public sealed class SimulationSettingsTests
{
    [Fact]
    public void The_live_home_starts_now_having_run_since_the_local_midnight_before_today()
    {
        // 10:00 UTC is noon in Dresden (summer time): the home has run since 20 June, 00:00 local = 19 June, 22:00 UTC.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 21, 10, 0, 0, TimeSpan.Zero));

        var site = (SimulatedSite)new SimulationSettings().ToSiteFactory()(clock);

        Assert.Equal(clock.GetUtcNow(), site.Options.Start);
        Assert.Equal(TimeSpan.FromHours(36), site.Options.RunUp);
        Assert.Equal(clock.GetUtcNow(), site.SimulatedNow);
    }

    [Fact]
    public void A_given_start_gets_the_same_run_up()
    {
        var start = new DateTimeOffset(2024, 12, 21, 6, 30, 0, TimeSpan.Zero);

        var site = (SimulatedSite)new SimulationSettings(Start: start).ToSiteFactory()(new FakeTimeProvider());

        // 07:30 in Dresden (winter time) on the 21st; the run began on the 20th at 00:00 local (19th, 23:00 UTC).
        Assert.Equal(TimeSpan.FromHours(31.5), site.Options.RunUp);
    }
}
