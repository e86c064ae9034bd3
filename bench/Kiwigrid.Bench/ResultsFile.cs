using System.Globalization;
using System.Text;

namespace Kiwigrid.Bench;

/// <summary>
/// Writes RESULTS.md: a whole run (<c>all</c>) writes it anew; a run of some benchmarks replaces only their sections in
/// the file there is, each marked with when and at what load it ran, so that one benchmark can be measured again without
/// the hour or more the whole run takes, and without losing the others' figures.
/// </summary>
internal static class ResultsFile
{
    private const string SectionStart = "## ";

    public static string Write(string? existing, bool whole, string command, Machine machine, IReadOnlyList<(string Title, string Body)> sections)
    {
        if (whole || existing is null)
        {
            var text = new StringBuilder();
            foreach (var (title, body) in sections)
            {
                text.AppendLine(SectionStart + title).AppendLine().AppendLine(body).AppendLine();
            }

            return $"""
                # Benchmark results

                Written by `{command}` (see bench/README.md);
                do not edit by hand. Ratios compare the two sides of one run on one machine. The machine is shared and has
                few cores: absolute figures vary from run to run, the ratios less so. A section marked "run alone" was measured
                again by itself later, on the same machine (its own date and load are given); the table describes the rest.

                {machine.ToMarkdown()}

                {text.ToString().TrimEnd()}

                """;
        }

        var (preamble, kept) = Split(existing);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"*Run alone: `{command}`, {machine.Date:yyyy-MM-dd HH:mm} UTC, load average at start {machine.Load}.*");
        foreach (var (title, body) in sections)
        {
            kept[title] = $"{stamp}\n\n{body}";
        }

        var merged = new StringBuilder(preamble);
        foreach (var (title, body) in kept.OrderBy(s => SectionNumber(s.Key)))
        {
            merged.Append(SectionStart + title).Append("\n\n").Append(body.TrimEnd()).Append("\n\n");
        }

        return merged.ToString().TrimEnd() + "\n";
    }

    private static (string Preamble, Dictionary<string, string> Sections) Split(string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var preamble = new StringBuilder();
        string? title = null;
        var body = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.StartsWith(SectionStart, StringComparison.Ordinal))
            {
                if (title is not null)
                {
                    sections[title] = body.ToString().Trim('\n');
                }

                title = line[SectionStart.Length..];
                body.Clear();
            }
            else if (title is null)
            {
                preamble.Append(line).Append('\n');
            }
            else
            {
                body.Append(line).Append('\n');
            }
        }

        if (title is not null)
        {
            sections[title] = body.ToString().Trim('\n');
        }

        return (preamble.ToString(), sections);
    }

    // "1. Decode" sorts by its 1.
    private static int SectionNumber(string title) =>
        int.TryParse(title.AsSpan(0, Math.Max(0, title.IndexOf('.', StringComparison.Ordinal))), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
}
