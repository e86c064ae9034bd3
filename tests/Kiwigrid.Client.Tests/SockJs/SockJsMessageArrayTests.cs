using System.Text;
using Kiwigrid.Client.SockJs;

namespace Kiwigrid.Client.Tests.SockJs;

/// <summary>
/// The one-pass unescape on its own, exhaustively around vector boundaries. Which block width runs depends on the
/// machine (32 bytes with AVX2, 16 with arm64 AdvSimd or x64 SSE, none with DOTNET_EnableHWIntrinsic=0), so these
/// are run once per width; asserting the fast path succeeds matters, because the decoder would otherwise fall back
/// to the reader and hide a path that gives up on valid input.
/// </summary>
public sealed class SockJsMessageArrayTests
{
    // Longer than two 32-byte blocks on either side, so an escape meets every offset of a block and of the frame end.
    private const int MaxFill = 70;

    private static readonly (string Escaped, string Text)[] Escapes =
    [
        ("\\\"", "\""),
        ("\\\\", "\\"),
        ("\\/", "/"),
        ("\\n", "\n"),
        ("\\u00e9", "é"),
        ("\\ud83d\\ude00", "😀"),
        ("é", "é"),
        ("\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"", new string('"', 17)),
        ("\\\"x\\\"\\\\\\\"", "\"x\"\\\""),
    ];

    [Fact]
    public void Every_escape_at_every_offset_unescapes_exactly_in_one_and_in_two_messages()
    {
        foreach (var (escaped, text) in Escapes)
        {
            for (var before = 0; before <= MaxFill; before++)
            {
                for (var after = 0; after <= MaxFill; after += after < 40 ? 1 : 7)
                {
                    var literal = new string('a', before) + escaped + new string('b', after);
                    var expected = new string('a', before) + text + new string('b', after);

                    Assert.Equal([expected], Unescape($"[\"{literal}\"]"));
                    Assert.Equal([expected, expected], Unescape($"[\"{literal}\",\"{literal}\"]"));
                }
            }
        }
    }

    [Fact]
    public void Quote_escapes_any_distance_apart_unescape_exactly()
    {
        // A reply escapes every quote, so the block path meets them densely: each gap, repeated past several blocks.
        for (var gap = 0; gap <= 40; gap++)
        {
            for (var before = 0; before <= 33; before++)
            {
                var unit = new string('x', gap);
                var literal = new string('a', before) + string.Concat(Enumerable.Repeat("\\\"" + unit, 9));
                var expected = new string('a', before) + string.Concat(Enumerable.Repeat("\"" + unit, 9));

                Assert.Equal([expected], Unescape($"[\"{literal}\"]"));
            }
        }
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\u001f")]
    [InlineData("\n")]
    [InlineData("\\x")]
    [InlineData("\\u12g")]
    [InlineData("\\udc00")]
    public void A_raw_control_byte_or_bad_escape_at_any_offset_is_left_to_the_reader(string bad)
    {
        // Also right after a quote escape, where the block path meets it inside a block it has begun.
        foreach (var escapeBefore in new[] { "", "\\\"" })
        {
            for (var before = 0; before <= MaxFill; before++)
            {
                for (var after = 0; after <= MaxFill; after++)
                {
                    var literal = new string('a', before) + escapeBefore + bad + new string('b', after);
                    var payload = Encoding.UTF8.GetBytes($"[\"{literal}\"]");

                    Assert.False(SockJsMessageArray.TryUnescape(payload, new byte[payload.Length], []), literal);
                }
            }
        }
    }

    private static List<string> Unescape(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var buffer = new byte[bytes.Length];
        var messageEnds = new List<int>();

        Assert.True(SockJsMessageArray.TryUnescape(bytes, buffer, messageEnds), payload);

        var messages = new List<string>();
        var start = 0;
        foreach (var end in messageEnds)
        {
            messages.Add(Encoding.UTF8.GetString(buffer, start, end - start));
            start = end;
        }

        return messages;
    }
}
