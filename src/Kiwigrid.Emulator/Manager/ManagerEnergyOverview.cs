using System.Text.Json;

using Kiwigrid.Emulator.Hems;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// <c>GET /rest/hems-configurator/energy-overview</c> (new firmware) from the Location's power tags (W), so
/// production + feedOut + storagePowerOut = householdConsumption + feedIn + storagePowerIn as the Location's balance
/// does: <c>feedIn</c> is the power to the grid (<c>PowerOut</c>), <c>feedOut</c> the power from it
/// (<c>PowerIn</c>). A value the home lacks is <c>null</c>, as public payloads show. The five derived fields are our
/// design (the newest units are said to send them): gridPower = feedOut − feedIn, batteryPower = storagePowerOut −
/// storagePowerIn, selfConsumedPower = max(production − feedIn, 0), batteryChargePower, batteryDischargePower.
/// </summary>
internal static class ManagerEnergyOverview
{
    public static void Write(Utf8JsonWriter w, ManagerHome home)
    {
        var location = home.Location;
        var production = location?.Number("PowerProduced");
        var feedIn = location?.Number("PowerOut");
        var feedOut = location?.Number("PowerIn");
        var storageIn = location?.Number("PowerBuffered");
        var storageOut = location?.Number("PowerReleased");

        w.WriteStartObject();
        w.WriteNumberOrNull("production", production);
        w.WriteNumberOrNull("feedIn", feedIn);
        w.WriteNumberOrNull("feedOut", feedOut);
        w.WriteNumberOrNull("householdConsumption", location?.Number("PowerConsumed"));
        w.WriteNumberOrNull("storagePowerIn", storageIn);
        w.WriteNumberOrNull("storagePowerOut", storageOut);
        w.WriteNumberOrNull("batterySoc", StateOfCharge(home));
        w.WriteNumberOrNull("gridPower", feedOut - feedIn);
        w.WriteNumberOrNull("batteryPower", storageOut - storageIn);
        w.WriteNumberOrNull("selfConsumedPower", production - feedIn is { } own ? Math.Max(own, 0) : null);
        w.WriteNumberOrNull("batteryChargePower", storageIn);
        w.WriteNumberOrNull("batteryDischargePower", storageOut);
        w.WriteEndObject();
    }

    /// <summary>
    /// The batteries' charge in %, unrounded as the Manager sends it (54.444444): from the stored energy over the
    /// capacity where the battery reports both (its <c>StateOfCharge</c> tag is rounded to a tenth), else that tag.
    /// </summary>
    public static double? StateOfCharge(ManagerHome home)
    {
        var charges = home.Batteries
            .Select(b => b.Number("WorkCharge") is { } stored && b.Number("WorkCapacity") is > 0 and var capacity
                ? stored / capacity * 100
                : b.Number("StateOfCharge"))
            .OfType<double>()
            .ToList();
        return charges.Count == 0 ? null : charges.Average();
    }
}
