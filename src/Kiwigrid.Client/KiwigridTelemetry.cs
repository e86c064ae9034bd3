using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Kiwigrid.Client;

/// <summary>
/// The library's metrics and traces, for OpenTelemetry or any other <see cref="MeterListener"/> and
/// <see cref="ActivityListener"/>: subscribe to the meter and the activity source named <see cref="Name"/>
/// (with OpenTelemetry: <c>AddMeter(KiwigridTelemetry.Name)</c> and <c>AddSource(KiwigridTelemetry.Name)</c>).
/// </summary>
/// <remarks>
/// Every request of every source (an event-bus request and its reply, an HTTP GET, POST or PATCH) is counted in
/// <see cref="Requests"/> and timed in <see cref="RequestDuration"/>, tagged with <see cref="SourceTag"/>,
/// <see cref="OperationTag"/> and <see cref="OutcomeTag"/>, and traced as an activity named after its operation with the
/// same tags (status <see cref="ActivityStatusCode.Error"/> when it failed). Each login is counted in
/// <see cref="Logins"/> and traced as an activity named <c>login</c>; a failed one is also counted in
/// <see cref="LoginFailures"/>. Each reconnection attempt of a watch is counted in <see cref="Reconnects"/>.
/// Tags never hold a user name, password, cookie or token.
/// </remarks>
public static class KiwigridTelemetry
{
    /// <summary>The name of the library's <see cref="Meter"/> and <see cref="ActivitySource"/>.</summary>
    public const string Name = "Kiwigrid.Client";

    /// <summary>Counter (<c>{request}</c>): requests sent, tagged with source, operation and outcome.</summary>
    public const string Requests = "kiwigrid.client.requests";

    /// <summary>Histogram (seconds): how long each request took until its answer or failure, with the same tags.</summary>
    public const string RequestDuration = "kiwigrid.client.request.duration";

    /// <summary>Counter (<c>{reconnect}</c>): attempts of a watch to connect again after a failure, tagged with the source.</summary>
    public const string Reconnects = "kiwigrid.client.reconnects";

    /// <summary>Counter (<c>{login}</c>): logins, tagged with source and outcome.</summary>
    public const string Logins = "kiwigrid.client.logins";

    /// <summary>Counter (<c>{login}</c>): failed logins, tagged with source and outcome (<see cref="Outcomes.Refused"/> for wrong credentials).</summary>
    public const string LoginFailures = "kiwigrid.client.login.failures";

    /// <summary>Tag: which source sent it, one of <see cref="Sources"/>.</summary>
    public const string SourceTag = "kiwigrid.source";

    /// <summary>
    /// Tag: what was asked: <c>address.action</c> on the event bus (e.g. <c>DeviceService.getDevices</c>), the method and
    /// path over HTTP (e.g. <c>GET /v11/energy-flow</c>, path segments holding digits replaced by <c>{id}</c>).
    /// </summary>
    public const string OperationTag = "kiwigrid.operation";

    /// <summary>Tag: how it ended, one of <see cref="Outcomes"/>.</summary>
    public const string OutcomeTag = "kiwigrid.outcome";

    /// <summary>The version of the meter and the activity source: the library's informational version.</summary>
    public static string Version { get; } =
        typeof(KiwigridTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    internal static ActivitySource ActivitySource { get; } = new(Name, Version);

    internal static Meter Meter { get; } = new(Name, Version);

    internal static Counter<long> RequestCounter { get; } = Meter.CreateCounter<long>(Requests, "{request}", "Requests sent by the Kiwigrid client.");

    internal static Histogram<double> RequestDurationHistogram { get; } =
        Meter.CreateHistogram<double>(RequestDuration, "s", "How long a request of the Kiwigrid client took.");

    internal static Counter<long> ReconnectCounter { get; } = Meter.CreateCounter<long>(Reconnects, "{reconnect}", "Reconnection attempts of a watch.");

    internal static Counter<long> LoginCounter { get; } = Meter.CreateCounter<long>(Logins, "{login}", "Logins of the Kiwigrid client.");

    internal static Counter<long> LoginFailureCounter { get; } = Meter.CreateCounter<long>(LoginFailures, "{login}", "Failed logins of the Kiwigrid client.");

    /// <summary>Counts one reconnection attempt of a watch on <paramref name="source"/>.</summary>
    internal static void CountReconnect(string source) => ReconnectCounter.Add(1, new KeyValuePair<string, object?>(SourceTag, source));

    /// <summary>The values of <see cref="SourceTag"/>.</summary>
    public static class Sources
    {
        /// <summary>The 2018 cloud: portal login, SockJS event bus, CSV export.</summary>
        public const string Legacy = "legacy";

        /// <summary>Today's cloud: SOLARWATT OneID and the HEMS API.</summary>
        public const string Hems = "hems";

        /// <summary>A classic Energy Manager on the LAN.</summary>
        public const string Local = "local";

        /// <summary>A SOLARWATT Manager flex/rail on the LAN.</summary>
        public const string Manager = "manager";

        /// <summary>A device on the LAN while <see cref="Local.LanDeviceProbe"/> finds out which of the two it is.</summary>
        public const string LanProbe = "lan";
    }

    /// <summary>The values of <see cref="OutcomeTag"/>.</summary>
    public static class Outcomes
    {
        /// <summary>Answered: a reply, or an HTTP status below 400.</summary>
        public const string Ok = "ok";

        /// <summary>Failed: an error reply or status, a lost connection, an answer that could not be read.</summary>
        public const string Error = "error";

        /// <summary>No answer within the timeout.</summary>
        public const string Timeout = "timeout";

        /// <summary>The caller cancelled it.</summary>
        public const string Cancelled = "cancelled";

        /// <summary>A login the server refused: wrong user name or password, or a locked account.</summary>
        public const string Refused = "refused";
    }
}
