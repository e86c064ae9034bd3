using System.Text.Json;

namespace Kiwigrid.Hosting.Views;

/// <summary>
/// The machine-readable form of a <see cref="HomeView"/>: one energy-flow shape for <c>status --json</c>,
/// <c>demo --json</c>, <c>/api/energy-flow</c> and the dashboard's events (which add when it was read and today's
/// energy), described by <c>docs/schema/kiwigrid.schema.json</c>. Powers in W and percentages to a tenth, the
/// self-sufficiency ratio to a thousandth (<see cref="DisplayPrecision"/>); a sentinel (<see cref="DeviceNumber"/>) is null.
/// </summary>
internal static class HomeViewJson
{
    public static string Write(HomeView view)
    {
        return JsonText.Write(json => WriteObject(json, view));
    }

    public static void WriteObject(Utf8JsonWriter json, HomeView view)
    {
        json.WriteStartObject();
        if (view.At is { } at)
        {
            json.WriteString("time", at);
        }
        else
        {
            json.WriteNull("time");
        }

        WriteFields(json, view);
        json.WriteEndObject();
    }

    /// <summary>Everything of the energy flow but its times: site, totals, grid, battery, EV, flows and balance gaps.</summary>
    public static void WriteFields(Utf8JsonWriter json, HomeView view)
    {
        json.WriteString("site", view.SiteName);
        Tenth(json, "pvPowerW", view.PvPower);
        Tenth(json, "housePowerW", view.HousePower);
        json.WriteStartObject("grid");
        Tenth(json, "powerW", view.GridPower);
        Tenth(json, "importPowerW", view.GridImportPower);
        Tenth(json, "exportPowerW", view.GridExportPower);
        json.WriteEndObject();
        // A Location that reports battery power has a battery, even when the list holds no battery device for it.
        if (view.BatteryCount > 0 || view.BatteryPower is not null)
        {
            json.WriteStartObject("battery");
            Tenth(json, "stateOfChargePercent", view.BatteryStateOfCharge);
            Tenth(json, "powerW", view.BatteryPower);
            Tenth(json, "chargingPowerW", view.BatteryChargingPower);
            Tenth(json, "dischargingPowerW", view.BatteryDischargingPower);
            json.WriteNumber("count", view.BatteryCount);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("battery");
        }

        if (view.EvPower is { } ev)
        {
            json.WriteStartObject("ev");
            Tenth(json, "powerW", ev);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("ev");
        }

        json.WritePropertyName("selfSufficiency");
        if (DeviceNumber.Quantity(view.SelfSufficiency) is { } share)
        {
            json.WriteNumberValue(DisplayPrecision.Ratio(share));
        }
        else
        {
            json.WriteNullValue();
        }

        WriteFlows(json, view.Flows);
        WriteBalanceGaps(json, view.BalanceGaps);
    }

    /// <summary>A power (W), energy (Wh) or percentage to a tenth; null when unknown or a sentinel.</summary>
    public static void Tenth(Utf8JsonWriter json, string name, double? value)
    {
        json.WritePropertyName(name);
        TenthValue(json, value);
    }

    /// <summary>An array element to a tenth; null when unknown or a sentinel.</summary>
    public static void TenthValue(Utf8JsonWriter json, double? value)
    {
        if (DeviceNumber.Quantity(value) is { } v)
        {
            json.WriteNumberValue(DisplayPrecision.Tenth(v));
        }
        else
        {
            json.WriteNullValue();
        }
    }

    /// <summary>The <c>flows</c> array: <c>{"from":"pv","to":"house","powerW":…}</c> each.</summary>
    private static void WriteFlows(Utf8JsonWriter json, IReadOnlyList<PowerFlow> flows)
    {
        json.WriteStartArray("flows");
        foreach (var flow in flows)
        {
            json.WriteStartObject();
            json.WriteString("from", NodeName(flow.From));
            json.WriteString("to", NodeName(flow.To));
            Tenth(json, "powerW", flow.Power);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The <c>balanceGaps</c> array: <c>{"figure","reportedW","flowsW","differenceW","message"}</c> each; empty when the figures agree.</summary>
    private static void WriteBalanceGaps(Utf8JsonWriter json, IReadOnlyList<BalanceGap> gaps)
    {
        json.WriteStartArray("balanceGaps");
        foreach (var gap in gaps)
        {
            json.WriteStartObject();
            json.WriteString("figure", gap.Figure);
            Tenth(json, "reportedW", gap.Reported);
            Tenth(json, "flowsW", gap.Flows);
            Tenth(json, "differenceW", gap.Difference);
            json.WriteString("message", gap.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string NodeName(EnergyNode node) => node switch
    {
        EnergyNode.Pv => "pv",
        EnergyNode.Battery => "battery",
        EnergyNode.Grid => "grid",
        _ => "house",
    };
}
