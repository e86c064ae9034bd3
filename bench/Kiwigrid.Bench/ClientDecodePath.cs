using System.Text.Json;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.Services;
using Kiwigrid.Client.SockJs;

namespace Kiwigrid.Bench;

/// <summary>
/// What the client does with a received <c>getDevices</c> reply frame, minus the awaits: SockJS frame → event-bus
/// message → service reply (status, code, <c>result</c>) → one <see cref="Device"/> per item, as <c>GetDevicesAsync</c>
/// reads it; then, for the consume rows, what a program does with the devices through the public API.
/// </summary>
internal static class ClientDecodePath
{
    /// <summary>The parse row: the devices built, their values left as slices of the reply.</summary>
    /// <returns>The number of tags read (compared with the Node.js count, and kept so the work cannot be skipped).</returns>
    public static int Parse(ReadOnlySpan<byte> wire)
    {
        var tags = 0;
        foreach (var devices in Read(wire))
        {
            foreach (var device in devices)
            {
                tags += device.Tags.Count;
            }
        }

        return tags;
    }

    /// <summary>
    /// The consume rows: parse, compute the energy flow (<see cref="EnergyFlow.From"/>), read every tag's value as its
    /// kind says (number, string, boolean, object or array) and, when <paramref name="stamps"/>, its timestamp and oca.
    /// </summary>
    public static DecodeTally Consume(ReadOnlySpan<byte> wire, bool stamps)
    {
        var tally = new TallyBuilder();
        foreach (var devices in Read(wire))
        {
            tally.Flow(EnergyFlow.From(devices));
            foreach (var device in devices)
            {
                tally.Tags(device, stamps);
            }
        }

        return tally.Build();
    }

    /// <summary>
    /// The devices of each message in the frame (a frame may batch several replies); the frame's memory goes back to
    /// the pool once they are read, as the read loop gives it back.
    /// </summary>
    public static List<IReadOnlyList<Device>> Read(ReadOnlySpan<byte> wire)
    {
        var replies = new List<IReadOnlyList<Device>>(1);
        var frame = SockJsFrameDecoder.Decode(wire);
        foreach (var element in frame.Messages)
        {
            var message = EventBusInboundMessage.Parse(element);
            replies.Add(ServiceRequester.ReadReply(message.Body, "deviceservice", "getDevices", DevicePage.Read).Devices);
        }

        frame.ReturnMessages();
        return replies;
    }

    /// <summary>Counts what the public API hands out; one per decoded frame.</summary>
    internal sealed class TallyBuilder
    {
        private int _tags;
        private int _numbers;
        private int _strings;
        private int _bools;
        private int _structured;
        private int _nulls;
        private long _members;
        private double _numberSum;
        private long _textLength;
        private double _flowSum;
        private long _stampSum;

        public void Flow(EnergyFlow flow)
        {
            ReadOnlySpan<Measurement?> figures =
            [
                flow.PvProduction, flow.HouseConsumption, flow.GridImport, flow.GridExport, flow.BatteryCharging,
                flow.BatteryDischarging, flow.BatteryStateOfCharge, flow.SelfSufficiency, flow.SelfConsumption,
            ];
            foreach (var figure in figures)
            {
                _flowSum += figure?.Value ?? 0;
            }
        }

        public void Tags(Device device, bool stamps)
        {
            foreach (var (_, tag) in device.Tags)
            {
                _tags++;
                Value(tag);
                if (stamps)
                {
                    Stamp(tag);
                }
            }
        }

        /// <summary>Counts a tag without reading anything of it (the stage split reads its parts one by one).</summary>
        public void Count() => _tags++;

        public void Stamp(TagValue tag) => _stampSum += (tag.Timestamp?.ToUnixTimeMilliseconds() ?? 0) + (tag.Oca ?? 0);

        public DecodeTally Build() =>
            new(_tags, _numbers, _strings, _bools, _structured, _nulls, _members, _numberSum, _textLength, _flowSum, _stampSum);

        public void Value(TagValue tag)
        {
            switch (tag.Kind)
            {
                case JsonValueKind.Number:
                    _numbers++;
                    _numberSum += tag.AsDouble() ?? 0;
                    break;
                case JsonValueKind.String:
                    _strings++;
                    _textLength += tag.AsString()!.Length;
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    _bools++;
                    _ = tag.AsBool();
                    break;
                case JsonValueKind.Array:
                    _structured++;
                    _members += tag.Json.GetArrayLength();
                    break;
                case JsonValueKind.Object:
                    _structured++;
                    _members += tag.Json.GetPropertyCount();
                    break;
                default:
                    _nulls++;
                    break;
            }
        }
    }
}
