using Kiwigrid.Client.Devices;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Services;
using Kiwigrid.Client.SockJs;

namespace Kiwigrid.Bench;

/// <summary>
/// What the client does with a received <c>getDevices</c> reply frame, minus the awaits: SockJS frame → event-bus
/// message → service reply (status, code, <c>result</c>) → one <see cref="Device"/> per item.
/// </summary>
internal static class ClientDecodePath
{
    /// <returns>The number of tags read (compared with the Node.js count, and kept so the work cannot be skipped).</returns>
    public static int Decode(ReadOnlySpan<byte> wire)
    {
        var tags = 0;
        var frame = SockJsFrameDecoder.Decode(wire);
        foreach (var element in frame.Messages)
        {
            var message = EventBusInboundMessage.Parse(element);
            var result = ServiceRequester.ReadResult(message.Body, "deviceservice", "getDevices");
            foreach (var item in result.GetProperty("items").EnumerateArray())
            {
                tags += DeviceParser.ParseDevice(item).Tags.Count;
            }
        }

        return tags;
    }
}
