using System.Diagnostics;

using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Hems;
using Kiwigrid.Client.Watch;
using Kiwigrid.IntegrationTests.Faults;
using Kiwigrid.IntegrationTests.Hems;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Telemetry;

/// <summary>
/// What an OpenTelemetry user sees of the library against the emulator: logins, requests with their outcome and
/// duration, login failures and reconnects, as metrics of the meter and activities of the source named
/// <see cref="KiwigridTelemetry.Name"/>.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Todays_cloud_counts_its_login_and_each_request_with_its_outcome_and_traces_them()
    {
        using var recorder = new TelemetryRecorder();
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await HemsHome.ConnectAsync(home);

        await client.GetEnergyFlowAsync();

        // The emulator signs tokens on its fake clock, long past on the real one the client runs on: each read logs in anew.
        Assert.All(recorder.Of(KiwigridTelemetry.Logins), login => Assert.Equal((KiwigridTelemetry.Sources.Hems, KiwigridTelemetry.Outcomes.Ok), (login.Source, login.Outcome)));
        Assert.NotEmpty(recorder.Of(KiwigridTelemetry.Logins));
        Assert.Empty(recorder.Of(KiwigridTelemetry.LoginFailures));
        var requests = recorder.Of(KiwigridTelemetry.Requests).ToList();
        var flow = Assert.Single(requests, r => r.Operation == "GET /v11/energy-flow");
        Assert.Equal((KiwigridTelemetry.Sources.Hems, KiwigridTelemetry.Outcomes.Ok, 1.0), (flow.Source, flow.Outcome, flow.Value));
        Assert.Contains(requests, r => r.Operation!.StartsWith("POST /", StringComparison.Ordinal)); // the credentials
        Assert.All(requests, r => Assert.Equal(KiwigridTelemetry.Sources.Hems, r.Source));
        Assert.Equal(requests.Count, recorder.Of(KiwigridTelemetry.RequestDuration).Count());

        var loginActivity = recorder.Activities.First(a => a.OperationName == "login");
        var flowActivity = Assert.Single(recorder.Activities, a => a.OperationName == "GET /v11/energy-flow");
        Assert.Equal(ActivityStatusCode.Ok, loginActivity.Status);
        Assert.Equal(ActivityStatusCode.Ok, flowActivity.Status);
        Assert.Equal(KiwigridTelemetry.Sources.Hems, flowActivity.GetTagItem(KiwigridTelemetry.SourceTag));
        Assert.Equal(200, flowActivity.GetTagItem("http.response.status_code"));
        Assert.Contains(recorder.Activities, a => a.Parent == loginActivity); // the login's own requests
    }

    [Fact]
    public async Task A_wrong_password_on_todays_cloud_counts_as_a_refused_login_failure()
    {
        using var recorder = new TelemetryRecorder();
        await using var home = await EmulatedHome.StartAsync();

        await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => HemsClient.ConnectAsync(home.Emulator.UserName, "wrong-password", HemsHome.Options(home)));

        var failure = Assert.Single(recorder.Of(KiwigridTelemetry.LoginFailures));
        Assert.Equal((KiwigridTelemetry.Sources.Hems, KiwigridTelemetry.Outcomes.Refused), (failure.Source, failure.Outcome));
        Assert.Equal(KiwigridTelemetry.Outcomes.Refused, Assert.Single(recorder.Of(KiwigridTelemetry.Logins)).Outcome);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(recorder.Activities, a => a.OperationName == "login").Status);
    }

    [Fact]
    public async Task The_2018_cloud_counts_its_login_and_bus_requests_with_their_outcome()
    {
        using var recorder = new TelemetryRecorder();
        await using var home = await EmulatedHome.StartAsync();
        await using var client = await home.ConnectAsync();

        await client.GetDevicesAsync(DeviceQuery.ForClass(DeviceClassNames.Location));

        var login = Assert.Single(recorder.Of(KiwigridTelemetry.Logins));
        Assert.Equal((KiwigridTelemetry.Sources.Legacy, KiwigridTelemetry.Outcomes.Ok), (login.Source, login.Outcome));
        var requests = recorder.Of(KiwigridTelemetry.Requests).ToList();
        var read = Assert.Single(requests, r => r.Operation == "deviceservice.getDevices");
        Assert.Equal((KiwigridTelemetry.Sources.Legacy, KiwigridTelemetry.Outcomes.Ok), (read.Source, read.Outcome));
        Assert.Equal(
            ["POST /login", "GET /authorize", "GET /rest/auth/auth_grant", "GET /js/context.js"],
            requests.Where(r => r.Operation!.Contains(' ', StringComparison.Ordinal)).Select(r => r.Operation));
        Assert.Equal(requests.Count, recorder.Of(KiwigridTelemetry.RequestDuration).Count());
        var readActivity = Assert.Single(recorder.Activities, a => a.OperationName == "deviceservice.getDevices");
        Assert.Equal(ActivityStatusCode.Ok, readActivity.Status);
        Assert.Equal(KiwigridTelemetry.Outcomes.Ok, readActivity.GetTagItem(KiwigridTelemetry.OutcomeTag));
    }

    [Fact]
    public async Task A_wrong_password_on_the_2018_cloud_counts_as_a_refused_login_failure()
    {
        using var recorder = new TelemetryRecorder();
        await using var home = await EmulatedHome.StartAsync();

        await Assert.ThrowsAsync<KiwigridAuthenticationException>(() => home.ConnectAsync(password: "wrong-password"));

        var failure = Assert.Single(recorder.Of(KiwigridTelemetry.LoginFailures));
        Assert.Equal((KiwigridTelemetry.Sources.Legacy, KiwigridTelemetry.Outcomes.Refused), (failure.Source, failure.Outcome));
        var credentials = Assert.Single(recorder.Of(KiwigridTelemetry.Requests));
        Assert.Equal(("POST /login", KiwigridTelemetry.Outcomes.Error), (credentials.Operation, credentials.Outcome)); // HTTP 401
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(recorder.Activities, a => a.OperationName == "login").Status);
    }

    [Fact]
    public async Task A_watch_that_loses_its_connection_counts_one_reconnect()
    {
        using var recorder = new TelemetryRecorder();
        await using var watch = await WatchedReplay.StartAsync();
        await watch.NextAsync();
        Assert.Empty(recorder.Of(KiwigridTelemetry.Reconnects));

        watch.Proxy.CutOnNextClientBytes();
        Assert.IsType<DeviceWatchInterrupted>(await watch.NextAsync(WatchedReplay.Interval));
        Assert.True(Assert.IsType<DeviceSnapshot>(await watch.NextAsync(WatchedReplay.ReconnectDelay)).AfterReconnect);

        var reconnect = Assert.Single(recorder.Of(KiwigridTelemetry.Reconnects));
        Assert.Equal((KiwigridTelemetry.Sources.Legacy, 1.0), (reconnect.Source, reconnect.Value));
        Assert.Equal(2, recorder.Of(KiwigridTelemetry.Logins).Count(l => l.Outcome == KiwigridTelemetry.Outcomes.Ok));
        Assert.Contains(recorder.Of(KiwigridTelemetry.Requests), r => r.Operation == "deviceservice.getDevices" && r.Outcome == KiwigridTelemetry.Outcomes.Error);
    }
}
