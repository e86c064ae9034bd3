using System.Globalization;
using System.Text.Json;

using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// <c>/v11/analytics/{kind}</c>: which series each analytics has (names, units and owners as the public payloads
/// show: the Location's flows plus the devices' own counters), computed over the query's rows by
/// <see cref="HemsHistory"/>. Values are rounded as the payloads show them (whole W, Wh, %, ct; money to the cent);
/// <c>aggregated</c> is computed before rounding. Independence is 100 × (1 − grid share of consumption)
/// (<c>Autarky</c>) and 100 × (1 − fed-in share of production) (<c>SelfConsumptionRate</c>); finance prices energy
/// with the Location's <c>PriceWorkIn</c> and the PV plant's <c>PriceProfitFeedin</c> (ct/kWh). Our design throughout.
/// </summary>
internal static class HemsAnalytics
{
    public static void Write(Utf8JsonWriter w, ISite site, HemsSnapshot home, HemsAnalyticsQuery query)
    {
        var zone = home.TimeZone();
        var (series, devices) = Plan(home, query);
        var history = new HemsHistory(site, series.SelectMany(Tags(home)), query, zone);

        w.WriteStartObject();
        w.WriteStartArray("timeseries");
        foreach (var one in series)
        {
            w.WriteStartObject();
            w.WriteString("name", one.Name);
            if (one.Aggregated is not null)
            {
                w.WriteNumberOrNull("aggregated", Round(one.Aggregated(history), one.Decimals));
            }

            if (one.Guid is not null)
            {
                w.WriteString("guid", one.Guid);
                w.WriteString("id", one.Guid + "~" + one.Name);
            }

            w.WriteString("unit", one.Unit);
            w.WriteStartObject("values");
            for (var row = 0; row < history.Count; row++)
            {
                var key = TimeZoneInfo.ConvertTime(history.Start(row), zone).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
                w.WriteNumberOrNull(key, Round(one.Value(history, row), one.Decimals));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("resolution", query.Resolution.Iso());
        w.WriteString("time_zone", home.TimeZoneId);
        if (devices is not null)
        {
            w.WriteStartArray("devices");
            foreach (var device in devices)
            {
                w.WriteStartObject();
                w.WriteString("id", device.Guid);
                w.WriteString("name", device.Name);
                w.WriteString("state_device", device.Text("StateDevice") ?? "OK");
                w.WriteString("type", device.Kind == HemsDeviceKind.PvPlant ? "PV" : device.Type);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>The series of an analytics and the devices it names (null: no <c>devices</c> member).</summary>
    private static (List<HemsSeries> Series, List<HemsDevice>? Devices) Plan(HemsSnapshot home, HemsAnalyticsQuery query)
    {
        var series = new List<HemsSeries>();
        var location = home.Location?.Guid;
        var prefix = query.Power ? "Power" : "Work";
        void LocationTags(params string[] names)
        {
            if (location is not null)
            {
                series.AddRange(names.Select(n => HemsSeries.Tag(location, prefix + n)));
            }
        }

        switch (query.Kind)
        {
            case HemsAnalyticsKind.Production:
                var plants = home.OfKind(HemsDeviceKind.PvPlant).ToList();
                LocationTags("Produced", "Out", "Buffered");
                if (query.IsDetailed)
                {
                    series.AddRange(plants.Select(p => HemsSeries.Tag(p.Guid, prefix + "ACOut")));
                }

                return (series, plants);
            case HemsAnalyticsKind.Consumption:
                var consumers = home.Devices.Where(d => d.Kind is HemsDeviceKind.EvStation or HemsDeviceKind.Plug).ToList();
                LocationTags("Consumed", "In");
                series.AddRange(consumers.Select(c => HemsSeries.Tag(c.Guid, prefix + c.DrawSuffix)));
                return (series, consumers);
            case HemsAnalyticsKind.Storage:
                var batteries = home.OfKind(HemsDeviceKind.Battery).ToList();
                foreach (var battery in batteries)
                {
                    series.Add(HemsSeries.Tag(battery.Guid, prefix + "ACIn"));
                    series.Add(HemsSeries.Tag(battery.Guid, prefix + "ACOut"));
                }

                LocationTags("Buffered", "Released");
                if (query.Power)
                {
                    series.AddRange(batteries.Select(b => HemsSeries.Percent(b.Guid, "StateOfCharge")));
                }

                return (series, batteries);
            case HemsAnalyticsKind.Independence:
                if (location is not null)
                {
                    series.Add(HemsSeries.Share("Autarky", location, "WorkConsumed", "WorkConsumedFromGrid"));
                    series.Add(HemsSeries.Share("SelfConsumptionRate", location, "WorkProduced", "WorkOutFromProducers"));
                }

                return (series, null);
            default:
                if (location is not null)
                {
                    Finance(series, home, location, query);
                }

                return (series, null);
        }
    }

    /// <summary>A day: the feed-in <c>Revenue</c> in ct without an owner; longer spans: cost, profit and balance in the currency.</summary>
    private static void Finance(List<HemsSeries> series, HemsSnapshot home, string location, HemsAnalyticsQuery query)
    {
        var gridPrice = home.Location!.Number("PriceWorkIn");
        var tariff = home.OfKind(HemsDeviceKind.PvPlant).Select(p => p.Number("PriceProfitFeedin")).FirstOrDefault();
        double? Fed(HemsHistory h, int row) => h.Value(location, "WorkOut", row);
        double? Drawn(HemsHistory h, int row) => h.Value(location, "WorkIn", row);
        if (query.Resolution == HemsResolution.Hour)
        {
            series.Add(HemsSeries.Money("Revenue", null, "CENT", 0, Fed, tariff, 1));
            return;
        }

        series.Add(HemsSeries.Money("cost", location, "CURRENCY", 2, Drawn, gridPrice, 0.01));
        series.Add(HemsSeries.Money("profit", location, "CURRENCY", 2, Fed, tariff, 0.01));
        series.Add(HemsSeries.Money("balance", location, "CURRENCY", 2, (h, row) => (Fed(h, row) * tariff) - (Drawn(h, row) * gridPrice), 0.01, 1));
    }

    /// <summary>The device tags a series reads.</summary>
    private static Func<HemsSeries, IEnumerable<(string Guid, string Tag)>> Tags(HemsSnapshot home) => series =>
        series.Name switch
        {
            "Autarky" => [(series.Guid!, "WorkConsumed"), (series.Guid!, "WorkConsumedFromGrid")],
            "SelfConsumptionRate" => [(series.Guid!, "WorkProduced"), (series.Guid!, "WorkOutFromProducers")],
            "Revenue" or "cost" or "profit" or "balance" when home.Location is { } location =>
                [(location.Guid, "WorkOut"), (location.Guid, "WorkIn")],
            _ => [(series.Guid!, series.Name)],
        };

    private static double? Round(double? value, int decimals) => value is { } v ? Math.Round(v, decimals) : null;
}
