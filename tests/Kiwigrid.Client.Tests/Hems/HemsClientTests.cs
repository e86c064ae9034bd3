using Kiwigrid.Client.Hems;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.Hems;

public sealed class HemsClientTests
{
    [Fact]
    public async Task The_token_expiry_is_read_from_the_jwt()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 3, 12, 0, 0, TimeSpan.Zero));
        cloud.Clock = clock;

        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);

        Assert.Equal(clock.GetUtcNow() + cloud.TokenLifetime, client.TokenExpiration);
    }

    [Fact]
    public async Task The_token_is_renewed_a_minute_before_it_expires()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 3, 12, 0, 0, TimeSpan.Zero));
        cloud.Clock = clock;
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);

        clock.Advance(cloud.TokenLifetime - HemsClient.RenewBeforeExpiry - TimeSpan.FromSeconds(1));
        await client.GetUserProfileAsync();
        Assert.Equal(1, cloud.Logins);

        clock.Advance(TimeSpan.FromSeconds(2));
        await client.GetUserProfileAsync();
        Assert.Equal(2, cloud.Logins);
        Assert.Equal(clock.GetUtcNow() + cloud.TokenLifetime, client.TokenExpiration);
    }

    [Fact]
    public async Task A_refused_token_means_one_new_login_and_the_request_again()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);
        cloud.RevokedTokens[cloud.LastToken!] = true;

        var profile = await client.GetUserProfileAsync();

        Assert.Equal("EUR", profile?.Currency);
        Assert.Equal(2, cloud.Logins);
    }

    [Fact]
    public async Task Requests_are_retried_on_429_and_503_then_succeed()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);
        cloud.NextApiAnswers.Enqueue((429, "0"));
        cloud.NextApiAnswers.Enqueue((503, null));

        var flow = await client.GetEnergyFlowAsync();

        Assert.Equal(499, flow.Consumption.In);
        Assert.Equal(3, cloud.ApiRequests.Count);
    }

    [Fact]
    public async Task Retries_are_bounded_and_end_in_a_service_error()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);
        for (var i = 0; i < 4; i++)
        {
            cloud.NextApiAnswers.Enqueue((503, null));
        }

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => client.GetBatteriesAsync());

        Assert.Equal(503, error.Code);
        Assert.Equal(3, cloud.ApiRequests.Count);
        Assert.DoesNotContain(cloud.LastToken!, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retry_waits_as_long_as_retry_after_says_on_the_clock()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 3, 12, 0, 0, TimeSpan.Zero));
        cloud.Clock = clock;
        cloud.TokenLifetime = TimeSpan.FromHours(1);
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);
        cloud.NextApiAnswers.Enqueue((429, "20"));

        var read = client.GetPlugsAsync();
        while (cloud.ApiRequests.IsEmpty)
        {
            await Task.Delay(10);
        }

        clock.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(100);
        Assert.False(read.IsCompleted);
        Assert.Single(cloud.ApiRequests);

        // One more second is due; on a loaded machine the client may start its wait only after the move above (it is
        // then due 20 s after that), so move on a second at a time until the retry comes.
        for (var step = 0; step < 40 && !read.IsCompleted; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(read, Task.Delay(100));
        }

        Assert.Single(await read.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_endpoint_the_installation_lacks_answers_empty()
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);
        cloud.Missing.Add("evstation");
        cloud.Missing.Add("user/profile");

        Assert.Empty(await client.GetEvStationsAsync());
        Assert.Null(await client.GetUserProfileAsync());
    }

    [Theory]
    [InlineData(HemsAnalyticsKind.Production, HemsAnalyticsPeriod.DayPower, "analytics/production?from=2026-07-03T00:00:00&to=2026-07-03T23:59:59&type=POWER&isDetailed=true")]
    [InlineData(HemsAnalyticsKind.Consumption, HemsAnalyticsPeriod.Day, "analytics/consumption?from=2026-07-03T00:00:00&to=2026-07-03T23:59:59&type=WORK")]
    [InlineData(HemsAnalyticsKind.Storage, HemsAnalyticsPeriod.Month, "analytics/storage?from=2026-07-01T00:00:00&to=2026-07-31T23:59:59&type=WORK")]
    [InlineData(HemsAnalyticsKind.Independence, HemsAnalyticsPeriod.Year, "analytics/independence?from=2026-01-01T00:00:00&to=2026-12-31T23:59:59")]
    public async Task Analytics_are_asked_in_local_time_with_the_type_for_the_period(HemsAnalyticsKind kind, HemsAnalyticsPeriod period, string expected)
    {
        await using var cloud = await FakeHemsCloud.StartAsync();
        await using var client = await HemsClient.ConnectAsync(FakeHemsCloud.Username, FakeHemsCloud.Password, cloud.Options);

        var analytics = await client.GetAnalyticsAsync(kind, period, new DateOnly(2026, 7, 3));

        Assert.Equal(expected, Assert.Single(cloud.ApiRequests));
        Assert.NotEmpty(analytics!.Series);
    }
}
