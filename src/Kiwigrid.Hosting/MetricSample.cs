namespace Kiwigrid.Hosting;

/// <summary>One line of a metric family: its labels (name, value) and its value.</summary>
internal sealed record MetricSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
{
    public static MetricSample Unlabelled(double value) => new([], value);
}
