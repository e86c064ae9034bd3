using System.Text.Json;

namespace Kiwigrid.Cli.Output;

/// <summary>The machine-readable form of a <see cref="HomeView"/>, as <c>status --json</c> and <c>demo --json</c> print it.</summary>
internal static class HomeViewJson
{
    public static string Write(HomeView view)
    {
        return DeviceJson.Write(json => WriteObject(json, view));
    }

    public static void WriteObject(Utf8JsonWriter json, HomeView view)
    {
        json.WriteStartObject();
        json.WriteString("site", view.SiteName);
        if (view.At is { } at)
        {
            json.WriteString("time", at);
        }
        else
        {
            json.WriteNull("time");
        }

        Number(json, "pvPowerW", view.PvPower);
        Number(json, "housePowerW", view.HousePower);
        json.WriteStartObject("battery");
        Number(json, "stateOfChargePercent", view.BatteryStateOfCharge);
        Number(json, "powerW", view.BatteryPower);
        json.WriteEndObject();
        json.WriteStartObject("grid");
        Number(json, "powerW", view.GridPower);
        json.WriteEndObject();
        Number(json, "selfSufficiency", view.SelfSufficiency);
        WriteFlows(json, view.Flows);
        json.WriteEndObject();
    }

    /// <summary>The <c>flows</c> array: <c>{"from":"pv","to":"house","powerW":…}</c> each; the dashboard API shares it.</summary>
    public static void WriteFlows(Utf8JsonWriter json, IReadOnlyList<PowerFlow> flows)
    {
        json.WriteStartArray("flows");
        foreach (var flow in flows)
        {
            json.WriteStartObject();
            json.WriteString("from", NodeName(flow.From));
            json.WriteString("to", NodeName(flow.To));
            json.WriteNumber("powerW", flow.Power);
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

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
