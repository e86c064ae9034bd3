using System.Text.Json;
using Kiwigrid.Hosting.Views;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Hosting;

/// <summary>
/// The JSON the server answers with and pushes to the dashboard, written with <see cref="Utf8JsonWriter"/> (to a
/// string with <see cref="JsonText.WriteCompact"/>).
/// </summary>
internal static class SiteJson
{
    /// <summary>
    /// <c>GET /api/energy-flow</c>: the totals, the flows between them, when they were measured and read, the
    /// server's clock, so a client judges the reading's age without trusting its own clock, and today's energy.
    /// </summary>
    public static void WriteEnergyFlow(Utf8JsonWriter json, SiteReading reading, SiteFeed feed)
    {
        var now = feed.TimeProvider.GetUtcNow();
        json.WriteStartObject();
        json.WriteString("time", reading.MeasuredAt);
        json.WriteString("readAt", reading.At);
        if (reading.SiteTimestamp is { } stamped)
        {
            json.WriteString("measuredAt", stamped);
        }
        else
        {
            json.WriteNull("measuredAt");
        }

        json.WriteString("serverTime", now);
        json.WriteBoolean("stale", feed.IsStale(reading, now));
        HomeViewJson.WriteFields(json, reading.View);
        WriteToday(json, feed.Today.Current());
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>today</c>: the energy since <c>from</c> (local midnight when <c>wholeDay</c>, else the server's first
    /// reading of the day), Wh, and the day's self-sufficiency and self-consumption, %.
    /// </summary>
    public static void WriteToday(Utf8JsonWriter json, TodayTotals? today)
    {
        if (today is null)
        {
            json.WriteNull("today");
            return;
        }

        var energy = today.Energy;
        json.WriteStartObject("today");
        json.WriteString("from", today.From);
        json.WriteBoolean("wholeDay", today.WholeDay);
        Number(json, "producedWh", energy.Produced);
        Number(json, "consumedWh", energy.Consumed);
        Number(json, "boughtWh", energy.Bought);
        Number(json, "fedInWh", energy.FedIn);
        Number(json, "chargedWh", energy.Charged);
        Number(json, "dischargedWh", energy.Discharged);
        Number(json, "selfSufficiencyPercent", energy.SelfSufficiencyPercent);
        Number(json, "selfConsumptionPercent", energy.SelfConsumptionPercent);
        json.WriteEndObject();
    }

    /// <summary><c>GET /api/devices</c>: one summary per device.</summary>
    public static void WriteDevices(Utf8JsonWriter json, SiteReading reading)
    {
        json.WriteStartArray();
        foreach (var device in reading.Devices)
        {
            DeviceJson.WriteSummary(json, device);
        }

        json.WriteEndArray();
    }

    /// <summary>The server's watch: whether it is live, when it last read the site, why it is not.</summary>
    public static void WriteStatus(Utf8JsonWriter json, SiteFeed feed)
    {
        var status = feed.Status;
        json.WriteStartObject();
        json.WriteString("state", status.State switch
        {
            WatchState.Live => "live",
            WatchState.Interrupted => "interrupted",
            _ => "starting",
        });
        if (feed.Latest is { } latest)
        {
            json.WriteString("lastUpdate", latest.At);
        }
        else
        {
            json.WriteNull("lastUpdate");
        }

        json.WriteString("serverTime", feed.TimeProvider.GetUtcNow());
        json.WriteNumber("pollIntervalSeconds", feed.PollInterval.TotalSeconds);
        if (status.State == WatchState.Interrupted)
        {
            json.WriteString("error", status.Error);
            json.WriteString("failure", status.Failure);
            json.WriteNumber("attempt", status.Attempt);
            json.WriteNumber("retryInSeconds", Math.Round(status.RetryDelay.TotalSeconds, 1));
        }

        json.WriteEndObject();
    }

    /// <summary>The first event of every dashboard connection: the status, today's history and the latest snapshot.</summary>
    public static void WriteHello(Utf8JsonWriter json, SiteFeed feed)
    {
        json.WriteStartObject();
        json.WritePropertyName("status");
        WriteStatus(json, feed);
        WriteHistory(json, feed);
        if (feed.Latest is { } latest)
        {
            json.WritePropertyName("snapshot");
            WriteSnapshotEvent(json, latest, HistoryPoint.From(latest), feed);
        }
        else
        {
            json.WriteNull("snapshot");
        }

        json.WritePropertyName("settings");
        WriteSettingsEvent(json, feed);
        json.WriteEndObject();
    }

    /// <summary>
    /// The <c>settings</c> event and the hello's <c>settings</c>: <c>{"controlAllowed":bool,"settings":[…]|null}</c>,
    /// null settings when serve shows none.
    /// </summary>
    public static void WriteSettingsEvent(Utf8JsonWriter json, SiteFeed feed)
    {
        json.WriteStartObject();
        json.WriteBoolean("controlAllowed", feed.ControlAllowed);
        if (feed.Settings is { } settings)
        {
            json.WritePropertyName("settings");
            WriteSettings(json, settings);
        }
        else
        {
            json.WriteNull("settings");
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Today's points and totals again, after the cloud's history filled in the hours before the first live reading.
    /// </summary>
    public static void WriteHistoryEvent(Utf8JsonWriter json, SiteFeed feed)
    {
        json.WriteStartObject();
        WriteHistory(json, feed);
        WriteToday(json, feed.Today.Current());
        json.WriteEndObject();
    }

    /// <summary>A new snapshot for the dashboard: the energy flow, the devices and the chart's new point.</summary>
    public static void WriteSnapshotEvent(Utf8JsonWriter json, SiteReading reading, HistoryPoint point, SiteFeed feed)
    {
        json.WriteStartObject();
        json.WritePropertyName("flow");
        WriteEnergyFlow(json, reading, feed);
        json.WritePropertyName("devices");
        WriteDevices(json, reading);
        json.WritePropertyName("point");
        WritePoint(json, point);
        json.WriteEndObject();
    }

    /// <summary><c>GET /api/settings</c>: each setting as <c>settings --json</c> prints it (schema <c>settings</c>).</summary>
    public static void WriteSettings(Utf8JsonWriter json, IEnumerable<SiteSetting> settings)
    {
        json.WriteStartArray();
        foreach (var setting in settings)
        {
            SettingJson.Write(json, setting);
        }

        json.WriteEndArray();
    }

    public static void WriteError(Utf8JsonWriter json, string error, string message)
    {
        json.WriteStartObject();
        json.WriteString("error", error);
        json.WriteString("message", message);
        json.WriteEndObject();
    }

    private static void WriteHistory(Utf8JsonWriter json, SiteFeed feed)
    {
        json.WriteStartArray("history");
        foreach (var point in feed.History.ToList())
        {
            WritePoint(json, point);
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// A chart point as a compact array: [epoch ms, pv, house, grid, soc], and for an average from the cloud's
    /// history a sixth element, the seconds it averages over from its time (900 for a quarter hour).
    /// </summary>
    private static void WritePoint(Utf8JsonWriter json, HistoryPoint point)
    {
        json.WriteStartArray();
        json.WriteNumberValue(point.At.ToUnixTimeMilliseconds());
        NumberValue(json, point.Pv);
        NumberValue(json, point.House);
        NumberValue(json, point.Grid);
        NumberValue(json, point.StateOfCharge);
        if (point.IsAverage)
        {
            json.WriteNumberValue(point.Interval.TotalSeconds);
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value) => HomeViewJson.Tenth(json, name, value);

    private static void NumberValue(Utf8JsonWriter json, double? value) => HomeViewJson.TenthValue(json, value);
}
