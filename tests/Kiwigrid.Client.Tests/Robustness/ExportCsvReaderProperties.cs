using System.Globalization;
using System.Text;

using CsCheck;

using Kiwigrid.Client.History;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary>
/// Properties of the CSV reply reader: any table written in the contract's format (PROTOCOL-NOTES.md, History)
/// reads back exactly, and arbitrary bytes or 10 MB of garbage end in a protocol error in bounded memory.
/// </summary>
public sealed class ExportCsvReaderProperties
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly Gen<HistoryResolution> Resolution = Gen.Enum<HistoryResolution>();

    /// <summary>Any instant this century, or a few hours before daylight saving ends in Berlin (a repeated hour).</summary>
    private static readonly Gen<DateTimeOffset> Around = Gen.Frequency<DateTimeOffset>(
        (2, Gen.Long[946_684_800, 4_102_444_800].Select(DateTimeOffset.FromUnixTimeSeconds)),
        (1, Gen.Select(Gen.Int[2000, 2099], Gen.Int[0, 6 * 60]).Select((year, minutes) => LastSundayOfOctober(year).AddMinutes(-minutes))));

    /// <summary>A value with up to six decimals, as the backend rounds it, or null (the null marker).</summary>
    private static readonly Gen<string?> Cell = Gen.Frequency<string?>(
        (1, Gen.Const((string?)null)),
        (4, Gen.Select(Gen.Long[-999_999_999_999, 999_999_999_999], Gen.Int[0, 6])
            .Select(string? (mantissa, decimals) => (mantissa / (decimal)Math.Pow(10, decimals)).ToString("F" + decimals, CultureInfo.InvariantCulture))));

    [Fact]
    public void Any_table_written_in_the_contracts_format_reads_back_exactly()
    {
        Gen.Select(Resolution, Gen.Bool, Around, Gen.Int[1, 8], Gen.Int[0, 40], Gen.Int[0, 3])
            .SelectMany((resolution, berlin, around, columns, rows, frame) =>
                Cell.Array[columns].Array[rows].Select(table => (resolution, berlin, around, table, columns, frame)))
            .Sample(sample =>
            {
                var (resolution, berlin, around, table, columns, frame) = sample;
                var grid = new IntervalGrid(resolution, berlin ? Berlin : TimeZoneInfo.Utc);
                var starts = new List<DateTimeOffset>();
                for (var start = grid.Floor(around); starts.Count < table.Length; start = grid.Advance(start, 1))
                {
                    starts.Add(start);
                }

                // A reply that starts inside the repeated hour names it by wall clock only, which cannot tell which
                // showing it means: the reader takes the first one, and the client asks for UTC to avoid the question.
                if (starts.Count > 0 && grid.Zone.IsAmbiguousTime(starts[0]))
                {
                    return;
                }

                var reply = Write(grid, starts, table, columns, bom: (frame & 1) != 0, lineEnd: (frame & 2) != 0 ? "\n" : "\r\n");

                var read = ExportCsvReader.Read(reply, columns, grid);

                Assert.Equal(starts, read.Select(r => r.Start));
                Assert.Equal(starts.Skip(1), read.SkipLast(1).Select(r => r.End));
                for (var r = 0; r < table.Length; r++)
                {
                    var expected = table[r].Select(cell => cell is null ? (double?)null : double.Parse(cell, CultureInfo.InvariantCulture));
                    Assert.Equal(expected, read[r].Values);
                }
            }, iter: 1500);
    }

    [Fact]
    public void Arbitrary_bytes_only_ever_raise_a_protocol_error()
    {
        var grid = new IntervalGrid(HistoryResolution.OneHour, Berlin);
        Gen.Byte.Array[0, 300].Sample(bytes => ExportCsvReplay.ReadChecked(bytes, 2, grid), iter: 5000);
    }

    [Fact]
    public void Row_shaped_lines_of_arbitrary_cells_only_ever_raise_a_protocol_error()
    {
        var grid = new IntervalGrid(HistoryResolution.FiveMinutes, TimeZoneInfo.Utc);
        var cell = Gen.Frequency<string>(
            (3, Gen.OneOf("---", "0", "-0", "1,5", "1.5", "+1", "1e5", "NaN", "Infinity", "∞", " 2 ", "", "1,2,3", "٣", "01.01.0001 00:00:00", "31.12.9999 23:59:59", "29.02.2023 00:00:00", "25.06.2025 24:00:00")),
            (1, ArbitraryJson.AnyString));
        cell.Array[1, 4].Array[1, 6]
            .Select(lines => "Zeitstempel;a;b\r\n" + string.Join("\r\n", lines.Select(cells => string.Join(';', cells))))
            .Sample(text => ExportCsvReplay.ReadChecked(Encoding.UTF8.GetBytes(text), 2, grid), iter: 5000);
    }

    [Theory]
    [InlineData("", "x")]
    [InlineData("", "\n")]
    [InlineData("", ";")]
    [InlineData("Zeitstempel;a\r\n", "25.06.2025 00:00:00;1,00\r\n")]
    [InlineData("Zeitstempel;a\r\n", "25.06.2025 00:00:00;")]
    [InlineData("Zeitstempel;a\r\n", "\u00ff")]
    [InlineData("\ufeff", "\ufeff")]
    [InlineData("Zeitstempel;a\r\n25.06.2025 00:00:00;", "9")]
    public void Ten_megabytes_of_garbage_are_rejected_without_allocating_far_more_than_their_size(string prefix, string pattern)
    {
        var garbage = AllocationMeter.Garbage(Encoding.UTF8.GetBytes(prefix), Encoding.UTF8.GetBytes(pattern));
        var grid = new IntervalGrid(HistoryResolution.FifteenMinutes, Berlin);
        var error = Assert.Throws<KiwigridProtocolException>(() => ExportCsvReader.Read(garbage, 1, grid));

        var allocated = AllocationMeter.Measure(() => ExportCsvReader.Read(garbage, 1, grid));

        Assert.True(error.Message.Length < 300, error.Message);
        Assert.True(allocated < (2L * garbage.Length) + (1 << 20), $"Reading {garbage.Length} bytes of garbage allocated {allocated} bytes.");
    }

    [Fact]
    public void A_ten_megabyte_reply_of_valid_rows_is_read_in_memory_proportional_to_its_size()
    {
        var grid = new IntervalGrid(HistoryResolution.FiveMinutes, TimeZoneInfo.Utc);
        var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var reply = new StringBuilder("Zeitstempel;a [Wh];b [Wh]\r\n");
        var rows = 0;
        for (; reply.Length < 10 * 1024 * 1024; rows++)
        {
            reply.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(5 * rows):dd.MM.yyyy HH:mm:ss};1234,56;---\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(reply.ToString());

        var allocated = AllocationMeter.Measure(() => Assert.Equal(rows, ExportCsvReader.Read(bytes, 2, grid).Count));

        Assert.True(allocated < 8L * bytes.Length, $"Reading {rows} rows ({bytes.Length} bytes) allocated {allocated} bytes.");
    }

    [Theory]
    [InlineData("Zeitstempel;a\r\n31.12.9999 23:45:00;1,00\r\n", 2)]
    [InlineData("Zeitstempel;a\r\n31.12.9999 23:59:59;1,00\r\n", 2)]
    [InlineData("Zeitstempel;a\r\n01.01.0001 00:00:00;1,00\r\n", 2)]
    [InlineData("Zeitstempel;a\r\n25.06.2025 00:00:00;1,00\r\n25.06.2025 00:00:00;2,00\r\n", 3)]
    [InlineData("Zeitstempel;a\r\n25.06.2025 00:00:00;1.00\r\n", 2)]
    [InlineData("Zeitstempel;a\r\n25.06.2025 00:00:00;1,00;2\r\n", 2)]
    public void A_bad_line_is_named_in_the_error(string reply, int line)
    {
        foreach (var grid in new[] { new IntervalGrid(HistoryResolution.FifteenMinutes, Berlin), new IntervalGrid(HistoryResolution.OneDay, TimeZoneInfo.Utc) })
        {
            var error = Assert.Throws<KiwigridProtocolException>(() => ExportCsvReader.Read(Encoding.UTF8.GetBytes(reply), 1, grid));

            Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] Write(IntervalGrid grid, List<DateTimeOffset> starts, string?[][] table, int columns, bool bom, string lineEnd)
    {
        var text = new StringBuilder(bom ? "\ufeff" : string.Empty).Append("Zeitstempel");
        for (var c = 0; c < columns; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $";Column {c} [Wh]");
        }

        text.Append(lineEnd);
        for (var r = 0; r < table.Length; r++)
        {
            text.Append(TimeZoneInfo.ConvertTime(starts[r], grid.Zone).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture));
            foreach (var cell in table[r])
            {
                text.Append(';').Append(cell is null ? "---" : cell.Replace('.', ','));
            }

            text.Append(lineEnd);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static DateTimeOffset LastSundayOfOctober(int year)
    {
        var day = new DateTime(year, 10, 31, 3, 0, 0, DateTimeKind.Utc);
        while (day.DayOfWeek != DayOfWeek.Sunday)
        {
            day = day.AddDays(-1);
        }

        return new DateTimeOffset(day, TimeSpan.Zero);
    }
}
