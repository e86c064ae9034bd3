using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

using Kiwigrid.Client;

namespace Kiwigrid.IntegrationTests.Telemetry;

/// <summary>
/// Listens to the library's meter and activity source as an OpenTelemetry exporter would, and keeps what belongs to
/// this test: everything recorded under the trace of a root activity the recorder starts. Other tests run in parallel
/// in the same process and measure too; their measurements are on other traces.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private const string TestSourceName = "Kiwigrid.IntegrationTests.Telemetry";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly Activity? _root; // null while the listener is set up: other tests' activities end meanwhile
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public TelemetryRecorder()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is KiwigridTelemetry.Name or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (IsOurs(activity))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _root = TestSource.StartActivity("test")!;

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KiwigridTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>The library's activities that ended so far.</summary>
    public IReadOnlyList<Activity> Activities => [.. _stopped.Where(a => a.Source.Name == KiwigridTelemetry.Name)];

    public IEnumerable<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    public void Dispose()
    {
        _meters.Dispose();
        _root?.Dispose();
        _activities.Dispose();
    }

    private bool IsOurs(Activity? activity) => activity is not null && _root is { } root && activity.TraceId == root.TraceId;

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        if (IsOurs(Activity.Current))
        {
            var map = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, tag) in tags)
            {
                map[key] = tag?.ToString();
            }

            _measurements.Enqueue(new Measurement(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), map));
        }
    }

    /// <summary>One measurement: the instrument's name, its value and its tags.</summary>
    internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? Source => Tags.GetValueOrDefault(KiwigridTelemetry.SourceTag);

        public string? Operation => Tags.GetValueOrDefault(KiwigridTelemetry.OperationTag);

        public string? Outcome => Tags.GetValueOrDefault(KiwigridTelemetry.OutcomeTag);
    }
}
