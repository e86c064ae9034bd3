using System.Globalization;
using System.Text.RegularExpressions;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>One sample of a parsed exposition.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict parser of the Prometheus text format 0.0.4, as a scraper reads it: every line is a HELP, a TYPE or a
/// sample; a family's HELP and TYPE come once, before its samples; a family's samples are contiguous; names and label
/// names are valid; label values use only the three escapes; no sample repeats its name and labels.
/// </summary>
internal static partial class PrometheusText
{
    public static List<PrometheusSample> Parse(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helped = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in text[..^1].Split('\n'))
        {
            Assert.False(string.IsNullOrWhiteSpace(line), "no blank lines");
            var comment = Comment().Match(line);
            string family;
            if (comment.Success)
            {
                family = comment.Groups[2].Value;
                if (comment.Groups[1].Value == "HELP")
                {
                    Assert.True(helped.Add(family), "one HELP for " + family);
                    Assert.DoesNotMatch(@"\\[^\\n]", comment.Groups[3].Value.Replace(@"\\", string.Empty, StringComparison.Ordinal));
                }
                else
                {
                    Assert.Contains(comment.Groups[3].Value, new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                    Assert.True(types.TryAdd(family, comment.Groups[3].Value), "one TYPE for " + family);
                    Assert.DoesNotContain(samples, s => s.Name == family);
                }
            }
            else
            {
                var sample = Sample().Match(line);
                Assert.True(sample.Success, "a sample line: " + line);
                family = sample.Groups[1].Value;
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (Match label in Label().Matches(sample.Groups[2].Value))
                {
                    Assert.True(labels.TryAdd(label.Groups[1].Value, Unescape(label.Groups[2].Value)), "a label once: " + line);
                }

                Assert.Equal(sample.Groups[2].Value.Length, Label().Matches(sample.Groups[2].Value).Sum(m => m.Length) + Math.Max(0, labels.Count - 1));
                Assert.True(types.ContainsKey(family), "TYPE before the samples of " + family);
                Assert.True(seen.Add(family + "{" + string.Join(",", labels.OrderBy(l => l.Key).Select(l => l.Key + "=" + l.Value)) + "}"), "a series once: " + line);
                samples.Add(new PrometheusSample(family, labels, ParseValue(sample.Groups[3].Value)));
            }

            if (current != family)
            {
                Assert.True(current is null || finished.Add(current), "the lines of a family are contiguous");
                Assert.DoesNotContain(family, finished);
                current = family;
            }
        }

        foreach (var (name, type) in types)
        {
            if (type == "counter")
            {
                Assert.EndsWith("_total", name, StringComparison.Ordinal);
            }
        }

        return samples;
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unescape(string value) => LabelEscape().Replace(value, m => m.Value[1] switch
    {
        'n' => "\n",
        '"' => "\"",
        _ => "\\",
    });

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([^ ]+)$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\\n]|\\[\\n""])*)""")]
    private static partial Regex Label();

    [GeneratedRegex(@"\\[\\n""]")]
    private static partial Regex LabelEscape();
}
