using System.Text.Json;
using Kiwigrid.Client.Hems;

namespace Kiwigrid.Bench;

/// <summary>
/// What <c>HemsClient</c> does with an answer's body (<c>GetObjectAsync</c> minus the HTTP): <c>HemsJson.Parse</c> with
/// the endpoint's reader into the public records; then every field of those records read once.
/// </summary>
internal static class ClientHemsPath
{
    public static HemsTally Decode(byte[] body, HemsPayloadKind kind)
    {
        var tally = new Tally();
        if (kind == HemsPayloadKind.EnergyFlow)
        {
            tally.Read(HemsJson.Parse(body, "/energy-flow", JsonValueKind.Object, HemsEnergyFlow.Read));
        }
        else
        {
            tally.Read(HemsJson.Parse(body, "/analytics", JsonValueKind.Object, HemsAnalytics.Read));
        }

        return tally.Build();
    }

    private sealed class Tally
    {
        private long _items;
        private double _numberSum;
        private long _textLength;
        private long _timeSum;

        public void Read(HemsEnergyFlow flow)
        {
            foreach (var section in (ReadOnlySpan<HemsFlowSection>)[flow.Consumption, flow.Grid, flow.Pv, flow.Battery, flow.Ev])
            {
                Number(section.In);
                Number(section.Out);
                Number(section.Balance);
                foreach (var device in section.Devices)
                {
                    _items++;
                    Text(device.Id);
                    Number(device.In);
                    Number(device.Out);
                    Number(device.StateOfCharge);
                    Number(device.Balance);
                }
            }

            Number(flow.DirectConsumption);
            Number(flow.BatteryInFromGrid);
            Number(flow.BatteryOutToGrid);
            Number(flow.BatteryStateOfCharge);
            Number(flow.EvBidirectional is { } bidirectional ? (bidirectional ? 1 : 0) : null);
        }

        public void Read(HemsAnalytics analytics)
        {
            foreach (var series in analytics.Series)
            {
                _items++;
                Text(series.Name);
                Text(series.DeviceId);
                Text(series.Unit);
                Number(series.Aggregated);
                foreach (var (at, value) in series.Values)
                {
                    _items++;
                    _timeSum += at.ToUnixTimeMilliseconds();
                    Number(value);
                }
            }

            Text(analytics.Resolution);
            Text(analytics.TimeZone);
            foreach (var device in analytics.Devices)
            {
                _items++;
                foreach (var text in (ReadOnlySpan<string?>)[device.Id, device.Name, device.Type, device.Manufacturer, device.ModelCode, device.SerialNumber, device.Firmware, device.State, device.Mode])
                {
                    Text(text);
                }

                Number(device.ConfiguredInLocation is { } configured ? (configured ? 1 : 0) : null);
            }
        }

        public HemsTally Build() => new(_items, _numberSum, _textLength, _timeSum);

        private void Number(double? value)
        {
            if (value is { } v)
            {
                _items++;
                _numberSum += v;
            }
        }

        private void Text(string? value) => _textLength += value?.Length ?? 0;
    }
}
