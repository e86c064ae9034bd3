using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Services;
using Kiwigrid.Client.SockJs;

namespace Kiwigrid.Bench;

/// <summary>
/// What the client does with a received <c>getDevices</c> reply frame, minus the awaits: SockJS frame → event-bus
/// message → service reply (status, code, <c>result</c>) → one <see cref="Client.Devices.Device"/> per item, as <c>GetDevicesAsync</c> reads it.
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
            var page = ServiceRequester.ReadReply(message.Body, "deviceservice", "getDevices", DevicePage.Read);
            foreach (var device in page.Devices)
            {
                tags += device.Tags.Count;
            }
        }

        return tags;
    }
}
