using System.Globalization;
using System.Text;

namespace Kiwigrid.Hosting;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: each family once, its <c>HELP</c> and <c>TYPE</c> lines
/// before its samples, label values and help text escaped as the format demands.
/// </summary>
internal sealed class PrometheusExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    /// <summary>Writes a family; one without samples is left out, as the format has no empty family.</summary>
    /// <exception cref="InvalidOperationException">The family was written already (its samples would be split).</exception>
    public void Family(string name, string type, string help, IReadOnlyCollection<MetricSample> samples)
    {
        if (samples.Count == 0)
        {
            return;
        }

        if (!_families.Add(name))
        {
            throw new InvalidOperationException($"The metric family {name} is written twice.");
        }

        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var sample in samples)
        {
            _text.Append(name);
            if (sample.Labels.Count > 0)
            {
                _text.Append('{');
                for (var i = 0; i < sample.Labels.Count; i++)
                {
                    if (i > 0)
                    {
                        _text.Append(',');
                    }

                    _text.Append(sample.Labels[i].Key).Append("=\"").Append(EscapeLabelValue(sample.Labels[i].Value)).Append('"');
                }

                _text.Append('}');
            }

            _text.Append(' ').Append(FormatValue(sample.Value)).Append('\n');
        }
    }

    /// <summary>A family of one unlabelled sample, left out when there is no value.</summary>
    public void Single(string name, string type, string help, double? value) =>
        Family(name, type, help, value is { } v ? [MetricSample.Unlabelled(v)] : []);

    public override string ToString() => _text.ToString();

    internal static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
