using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.Hems;

public sealed class HemsSiteSourceTests
{
    [Fact]
    public async Task The_source_says_what_it_is_and_can_answer()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var source = await HemsSiteSource.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);

        Assert.Equal($"today's SOLARWATT cloud at {cloud.OtherHostBase}v11", source.Description);
        Assert.False(source.Capabilities.HasFlag(SiteCapabilities.AllTags));
        Assert.True(source.Capabilities.HasFlag(SiteCapabilities.Watch | SiteCapabilities.Settings | SiteCapabilities.History | SiteCapabilities.Control));
    }

    [Fact]
    public async Task Devices_and_energy_flow_come_from_the_api()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        var extraCalls = 0;
        var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);
        await using var source = new HemsSiteSource(client, _ =>
        {
            extraCalls++;
            return Task.FromResult<IReadOnlyList<TagValue>>([new TagValue(TagNames.WorkProduced, System.Text.Json.JsonDocument.Parse("42").RootElement)]);
        });

        var devices = await source.GetDevicesAsync();
        var flow = await source.GetEnergyFlowAsync();

        Assert.Equal(6, devices.Count);
        Assert.Equal(42, devices.Single(d => d.Kind == DeviceKind.Location).GetDouble(TagNames.WorkProduced));
        Assert.Equal(2, extraCalls);
        Assert.Equal((499d, 499d), (flow.HouseConsumption!.Value.Value, flow.BatteryDischarging!.Value.Value));
    }

    [Fact]
    public async Task Settings_come_from_the_device_optimization()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var source = await HemsSiteSource.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);

        var settings = await source.GetSettingsAsync();

        Assert.Equal(2, settings.Count);
        Assert.Equal(("8695a754-d66c-430c-9fa6-374bac0965b3", "Keba P30 PV-Edition", "optimization_mode", "NOT_OPTIMIZED"), (settings[0].DeviceId, settings[0].DeviceName, settings[0].Name, settings[0].Value));
        Assert.Equal(["NOT_OPTIMIZED", "PV_EXCESS", "DEPARTURE_TIME"], settings[0].AllowedValues);
        Assert.Equal(("switch_state", "OFF"), (settings[1].Name, settings[1].Value));
    }

    [Fact]
    public async Task A_watch_rides_out_an_outage_and_ends_when_the_login_is_refused()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 3, 12, 0, 0, TimeSpan.Zero));
        cloud.Clock = clock;
        cloud.TokenLifetime = TimeSpan.FromHours(1);
        await using var source = await HemsSiteSource.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options with { RetryDelay = TimeSpan.Zero });
        var options = DeviceWatchOptions.Default with { Interval = TimeSpan.FromSeconds(10), InitialReconnectDelay = TimeSpan.FromSeconds(1) };
        await using var watch = source.WatchAsync(options).GetAsyncEnumerator();

        Assert.True(await watch.MoveNextAsync());
        var first = Assert.IsType<DeviceSnapshot>(watch.Current);
        Assert.True(first.IsFirst);

        // An outage: every try of every read answers 503.
        cloud.ApiDown = true;

        var next = watch.MoveNextAsync();
        clock.Advance(options.Interval);
        Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsType<DeviceWatchInterrupted>(watch.Current);
        cloud.ApiDown = false;

        var back = watch.MoveNextAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await back.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(Assert.IsType<DeviceSnapshot>(watch.Current).AfterReconnect);

        // The token is revoked and the password changed: the new login is refused, and the watch ends with it.
        cloud.RevokedTokens[cloud.LastToken!] = true;
        cloud.AcceptedPassword = "changed";
        var refused = watch.MoveNextAsync();
        clock.Advance(options.Interval);
        await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => refused.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
