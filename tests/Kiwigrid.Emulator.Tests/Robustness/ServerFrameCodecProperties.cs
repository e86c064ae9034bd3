using System.Text;

using CsCheck;

using Kiwigrid.Emulator.Bus;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Emulator.Tests.Robustness;

/// <summary>Properties of the emulator's SockJS framing over random input: exact round trips, and null for broken frames.</summary>
public sealed class ServerFrameCodecProperties
{
    [Fact]
    public void Any_well_formed_messages_survive_the_server_encoder_and_the_client_frame_reader()
    {
        ArbitraryJson.WellFormedString.Array[0, 4].Sample(messages =>
        {
            var frame = SockJsFrames.Messages(messages);

            Assert.StartsWith("a[", frame, StringComparison.Ordinal);
            Assert.True(frame.All(c => c is >= ' ' and <= '~'), "Every character outside printable ASCII is escaped, as Vert.x does.");
            Assert.Equal(messages, SockJsFrames.ParseClientFrame(Encoding.UTF8.GetBytes(frame[1..])));
        }, iter: 3000);
    }

    [Fact]
    public void Messages_holding_lone_surrogates_are_escaped_and_refused_on_the_way_back_without_throwing()
    {
        ArbitraryJson.AnyString.Where(text => !IsWellFormed(text)).Sample(message =>
        {
            var frame = SockJsFrames.Messages([message]);

            Assert.DoesNotContain(frame, char.IsSurrogate);
            Assert.Null(SockJsFrames.ParseClientFrame(Encoding.UTF8.GetBytes(frame[1..])));
        }, iter: 2000);
    }

    [Fact]
    public void Arbitrary_bytes_yield_messages_or_null_and_never_throw()
    {
        Gen.Byte.Array[0, 300].Sample(bytes => _ = SockJsFrames.ParseClientFrame(bytes), iter: 5000);
        ArbitraryJson.Value.Sample(json => _ = SockJsFrames.ParseClientFrame(Encoding.UTF8.GetBytes(json)), iter: 3000);
    }

    [Theory]
    [InlineData("[\"", "x")]
    [InlineData("[\"", "\\u00e9")]
    [InlineData("[", "[")]
    [InlineData("[", "\"\",")]
    [InlineData("", "\u00ff")]
    public void Ten_megabytes_of_garbage_are_refused_without_allocating_far_more_than_their_size(string prefix, string pattern)
    {
        var garbage = AllocationMeter.Garbage(Encoding.UTF8.GetBytes(prefix), Encoding.UTF8.GetBytes(pattern));
        Assert.Null(SockJsFrames.ParseClientFrame(garbage));

        var allocated = AllocationMeter.Measure(() => SockJsFrames.ParseClientFrame(garbage));

        // Worst case, a frame of empty messages: one 8-byte list slot per 3 input bytes, copied while the list grows.
        Assert.True(allocated < 8L * garbage.Length, $"Reading {garbage.Length} bytes of garbage allocated {allocated} bytes.");
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
