using System.Text;

using Kiwigrid.Client.History;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary>
/// Corpus replay and a bounded mutation fuzz for the client's reader of the export backend's CSV reply
/// (tests/corpus/export-csv): rows, or a <see cref="KiwigridProtocolException"/> naming the line, never another exception.
/// </summary>
public sealed class ExportCsvReplay
{
    private const string Target = "export-csv";

    private static readonly IntervalGrid UtcQuarterHours = new(HistoryResolution.FifteenMinutes, TimeZoneInfo.Utc);
    private static readonly IntervalGrid BerlinDays = new(HistoryResolution.OneDay, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    public static TheoryData<string> Entries => FuzzCorpus.Names(Target);

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_replays_cleanly(string name) =>
        MutationFuzzer.Replay(Target, name, File.ReadAllBytes(Path.Combine(FuzzCorpus.Folder(Target), name)), input => ReadAsNamed(name, input));

    [Fact]
    public void Every_reply_the_emulator_wrote_reads_back_one_row_per_line()
    {
        foreach (var (name, input) in FuzzCorpus.Load(Target).Where(entry => entry.Name.StartsWith("emulator-", StringComparison.Ordinal)))
        {
            var lines = Encoding.UTF8.GetString(input).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

            var rows = ExportCsvReader.Read(input, ColumnsInHeader(input), GridNamedBy(name));

            Assert.True(lines.Length - 1 == rows.Count, $"{name}: {lines.Length - 1} lines, {rows.Count} rows.");
            Assert.Contains(rows, row => row.Values.Any(v => v is not null));
        }
    }

    [Fact]
    public void The_repeated_hour_when_daylight_saving_ends_reads_as_consecutive_half_hours()
    {
        var input = File.ReadAllBytes(Path.Combine(FuzzCorpus.Folder(Target), "emulator-berlin-pt30m-dst.csv"));

        var rows = ExportCsvReader.Read(input, 3, GridNamedBy("berlin-pt30m"));

        Assert.All(rows.Zip(rows.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(30), pair.Second.Start - pair.First.Start));
        Assert.Equal(52, rows.Count);
    }

    [Fact]
    public void Mutated_replies_only_raise_protocol_errors() =>
        MutationFuzzer.Run(Target, input =>
        {
            ReadChecked(input, ColumnsInHeader(input), UtcQuarterHours);
            ReadChecked(input, 3, BerlinDays);
        });

    /// <summary>The reader's outcome for a reply: rows that keep its promises, or a protocol error naming the line or the reply.</summary>
    internal static List<HistoryRow>? ReadChecked(byte[] input, int columnCount, IntervalGrid grid)
    {
        List<HistoryRow> rows;
        try
        {
            rows = ExportCsvReader.Read(input, columnCount, grid);
        }
        catch (KiwigridProtocolException e)
        {
            Assert.StartsWith("The history export's reply is not the expected CSV", e.Message, StringComparison.Ordinal);
            return null;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(columnCount, rows[i].Values.Count);
            Assert.True(rows[i].End > rows[i].Start);
            Assert.All(rows[i].Values, value => Assert.True(value is null || double.IsFinite(value.Value)));
            Assert.True(i == 0 || rows[i].Start > rows[i - 1].Start, $"Row {i} does not come after row {i - 1}.");
        }

        return rows;
    }

    private static void ReadAsNamed(string name, byte[] input) => ReadChecked(input, ColumnsInHeader(input), GridNamedBy(name));

    /// <summary>The value columns the first line announces; a reply holds as many as the request asked for.</summary>
    private static int ColumnsInHeader(byte[] input)
    {
        var end = Array.IndexOf(input, (byte)'\n');
        return input.AsSpan(0, end < 0 ? input.Length : end).Count((byte)';');
    }

    /// <summary>The grid a corpus entry was written for, from its name: <c>berlin</c> or UTC, and the resolution.</summary>
    private static IntervalGrid GridNamedBy(string name)
    {
        var zone = name.Contains("berlin", StringComparison.Ordinal) ? TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") : TimeZoneInfo.Utc;
        var resolution = name switch
        {
            _ when name.Contains("-pt5m", StringComparison.Ordinal) => HistoryResolution.FiveMinutes,
            _ when name.Contains("-pt30m", StringComparison.Ordinal) => HistoryResolution.ThirtyMinutes,
            _ when name.Contains("-pt1h", StringComparison.Ordinal) => HistoryResolution.OneHour,
            _ when name.Contains("-p1d", StringComparison.Ordinal) => HistoryResolution.OneDay,
            _ => HistoryResolution.FifteenMinutes,
        };
        return new IntervalGrid(resolution, zone);
    }
}
