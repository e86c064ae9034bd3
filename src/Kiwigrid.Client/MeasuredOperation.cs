using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client;

/// <summary>
/// One request or login as <see cref="KiwigridTelemetry"/> sees it: an activity from start to end, and when it is
/// disposed, its count, duration and outcome, and a log line. The outcome is the first one reported; none reported
/// means the operation threw: cancelled if the caller's token was cancelled, an error otherwise.
/// </summary>
internal sealed partial class MeasuredOperation : IDisposable
{
    private readonly string _source;
    private readonly string _operation;
    private readonly bool _isLogin;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationToken _callerToken;
    private readonly long _started;
    private readonly Activity? _activity;
    private string? _outcome;
    private int? _status;

    private MeasuredOperation(string source, string operation, bool isLogin, TimeProvider timeProvider, ILogger logger, CancellationToken callerToken)
    {
        _source = source;
        _operation = operation;
        _isLogin = isLogin;
        _timeProvider = timeProvider;
        _logger = logger;
        _callerToken = callerToken;
        _started = timeProvider.GetTimestamp();
        _activity = KiwigridTelemetry.ActivitySource.StartActivity(isLogin ? "login" : operation, ActivityKind.Client);
        _activity?.SetTag(KiwigridTelemetry.SourceTag, source);
        _activity?.SetTag(KiwigridTelemetry.OperationTag, operation);
    }

    /// <summary>Starts measuring a request.</summary>
    public static MeasuredOperation Request(string source, string operation, TimeProvider timeProvider, ILogger logger, CancellationToken callerToken) =>
        new(source, operation, isLogin: false, timeProvider, logger, callerToken);

    /// <summary>Starts measuring an HTTP request, named by its method and path (<see cref="HttpOperation"/>).</summary>
    public static MeasuredOperation Request(string source, HttpRequestMessage request, TimeProvider timeProvider, ILogger logger, CancellationToken callerToken) =>
        new(source, HttpOperation(request), isLogin: false, timeProvider, logger, callerToken);

    /// <summary>Starts measuring a login (which may hold several requests, each measured on its own).</summary>
    public static MeasuredOperation Login(string source, TimeProvider timeProvider, ILogger logger, CancellationToken callerToken)
    {
        LogLoginStarted(logger, source);
        return new(source, "login", isLogin: true, timeProvider, logger, callerToken);
    }

    /// <summary>
    /// <c>METHOD /path</c> with every path segment that looks like an id (only digits, or eight characters or more with a
    /// digit: device ids, dates) as <c>{id}</c>, so ids do not make a new operation each, while a version such as
    /// <c>v11</c> stays; never the query, which may hold a code.
    /// </summary>
    public static string HttpOperation(HttpRequestMessage request)
    {
        var segments = (request.RequestUri?.AbsolutePath ?? "/").Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i].AsSpan();
            var digits = segment.IndexOfAnyInRange('0', '9') >= 0;
            if (digits && (segment.Length >= 8 || !segment.ContainsAnyExceptInRange('0', '9')))
            {
                segments[i] = "{id}";
            }
        }

        return request.Method.Method + " " + string.Join('/', segments);
    }

    /// <summary>It was answered.</summary>
    public void Succeeded() => _outcome ??= KiwigridTelemetry.Outcomes.Ok;

    /// <summary>It was answered over HTTP with <paramref name="status"/>: ok below 400, an error from 400.</summary>
    public void Answered(int status)
    {
        _status = status;
        _activity?.SetTag("http.response.status_code", status);
        _outcome ??= status < 400 ? KiwigridTelemetry.Outcomes.Ok : KiwigridTelemetry.Outcomes.Error;
    }

    /// <summary>It got no answer in time.</summary>
    public void TimedOut() => _outcome ??= KiwigridTelemetry.Outcomes.Timeout;

    /// <summary>
    /// Reads the outcome from the exception it failed with; returns false, so it fits an exception filter:
    /// <c>catch (Exception e) when (measured.Failed(e))</c> records and lets the exception pass.
    /// </summary>
    public bool Failed(Exception exception)
    {
        _outcome ??= exception switch
        {
            KiwigridTimeoutException => KiwigridTelemetry.Outcomes.Timeout,
            KiwigridAuthenticationException { StatusCode: 401 or 403 or 429 } when _isLogin => KiwigridTelemetry.Outcomes.Refused,
            OperationCanceledException when _callerToken.IsCancellationRequested => KiwigridTelemetry.Outcomes.Cancelled,
            _ => KiwigridTelemetry.Outcomes.Error,
        };
        _activity?.SetTag("error.type", exception.GetType().Name);
        return false;
    }

    public void Dispose()
    {
        var outcome = _outcome ?? (_callerToken.IsCancellationRequested ? KiwigridTelemetry.Outcomes.Cancelled : KiwigridTelemetry.Outcomes.Error);
        var elapsed = _timeProvider.GetElapsedTime(_started);
        var source = new KeyValuePair<string, object?>(KiwigridTelemetry.SourceTag, _source);
        var result = new KeyValuePair<string, object?>(KiwigridTelemetry.OutcomeTag, outcome);
        var ok = outcome == KiwigridTelemetry.Outcomes.Ok;
        if (_isLogin)
        {
            KiwigridTelemetry.LoginCounter.Add(1, source, result);
            if (!ok)
            {
                KiwigridTelemetry.LoginFailureCounter.Add(1, source, result);
                LogLoginFailed(_logger, _source, outcome, elapsed.TotalSeconds);
            }
            else
            {
                LogLoginSucceeded(_logger, _source, elapsed.TotalSeconds);
            }
        }
        else
        {
            var operation = new KeyValuePair<string, object?>(KiwigridTelemetry.OperationTag, _operation);
            KiwigridTelemetry.RequestCounter.Add(1, source, operation, result);
            KiwigridTelemetry.RequestDurationHistogram.Record(elapsed.TotalSeconds, source, operation, result);
            if (ok)
            {
                LogRequestDone(_logger, _source, _operation, elapsed.TotalSeconds);
            }
            else if (_status is { } status)
            {
                LogRequestAnsweredError(_logger, _source, _operation, status, elapsed.TotalSeconds);
            }
            else if (outcome != KiwigridTelemetry.Outcomes.Cancelled)
            {
                LogRequestFailed(_logger, _source, _operation, outcome, elapsed.TotalSeconds);
            }
        }

        if (_activity is { } activity)
        {
            activity.SetTag(KiwigridTelemetry.OutcomeTag, outcome);
            activity.SetStatus(ok ? ActivityStatusCode.Ok : ActivityStatusCode.Error, ok ? null : outcome);
            activity.Dispose();
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Debug, Message = "{Source}: {Operation} answered in {Seconds:0.###} s")]
    private static partial void LogRequestDone(ILogger logger, string source, string operation, double seconds);

    [LoggerMessage(EventId = 901, Level = LogLevel.Debug, Message = "{Source}: {Operation} failed ({Outcome}) after {Seconds:0.###} s")]
    private static partial void LogRequestFailed(ILogger logger, string source, string operation, string outcome, double seconds);

    [LoggerMessage(EventId = 905, Level = LogLevel.Debug, Message = "{Source}: {Operation} answered HTTP {Status} in {Seconds:0.###} s")]
    private static partial void LogRequestAnsweredError(ILogger logger, string source, string operation, int status, double seconds);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "{Source}: logging in")]
    private static partial void LogLoginStarted(ILogger logger, string source);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "{Source}: logged in in {Seconds:0.###} s")]
    private static partial void LogLoginSucceeded(ILogger logger, string source, double seconds);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "{Source}: login failed ({Outcome}) after {Seconds:0.###} s")]
    private static partial void LogLoginFailed(ILogger logger, string source, string outcome, double seconds);
}
