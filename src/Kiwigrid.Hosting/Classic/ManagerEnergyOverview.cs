using System.Text.Json;
using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Classic;

/// <summary>
/// <c>GET /rest/hems-configurator/energy-overview</c> as a SOLARWATT Manager flex answers it (firmware 10.26.24.4 and
/// later; PROTOCOL-NOTES.md, "The Manager flex/rail on the LAN"), from the reading's energy flow: W, with the
/// Manager's names and directions (<c>feedIn</c> is power <em>to</em> the grid, <c>feedOut</c> power <em>from</em>
/// it), <c>batterySoc</c> in percent. Only the seven fields public payloads show a device sending; a value the
/// source lacks is <c>null</c>, as the Manager itself sends it. The newer derived fields (<c>gridPower</c>, …) are
/// left out: only clients compute them.
/// </summary>
internal static class ManagerEnergyOverview
{
    public static void Write(Utf8JsonWriter json, EnergyFlow flow)
    {
        json.WriteStartObject();
        Number(json, "production", flow.PvProduction);
        Number(json, "feedIn", flow.GridExport);
        Number(json, "feedOut", flow.GridImport);
        Number(json, "householdConsumption", flow.HouseConsumption);
        Number(json, "storagePowerIn", flow.BatteryCharging);
        Number(json, "storagePowerOut", flow.BatteryDischarging);
        Number(json, "batterySoc", flow.BatteryStateOfCharge);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, Measurement? value)
    {
        if (value is { Value: var v } && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
