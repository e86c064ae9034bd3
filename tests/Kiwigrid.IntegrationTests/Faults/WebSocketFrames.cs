using System.Buffers.Binary;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>Server-to-client WebSocket frames (unmasked, RFC 6455 §5.2) for the proxy to slip into the bus stream.</summary>
internal static class WebSocketFrames
{
    public static byte[] Text(ReadOnlySpan<byte> payload)
    {
        byte[] header = payload.Length switch
        {
            < 126 => [0x81, (byte)payload.Length],
            <= ushort.MaxValue => [0x81, 126, (byte)(payload.Length >> 8), (byte)payload.Length],
            _ => [0x81, 127, 0, 0, 0, 0, 0, 0, 0, 0],
        };
        if (payload.Length > ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(2), (ulong)payload.Length);
        }

        return [.. header, .. payload];
    }
}
