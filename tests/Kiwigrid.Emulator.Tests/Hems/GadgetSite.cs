using Kiwigrid.Emulator.Devices;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Tests.Hems;

/// <summary>
/// A fixed home with what the simulated one lacks: a smart plug and a heating rod (plus a Location and a PV plant),
/// so the HEMS <c>/plug</c> and <c>/smart-heater</c> lists have something to show.
/// </summary>
internal sealed class GadgetSite : ISite
{
    public const string Location = "urn:kiwigrid:location:ERC05-000088888:0";
    public const string Plug = "urn:mystrom:plug:15922327";
    public const string Heater = "urn:mypv:acelwa:1601502404030121";

    public GadgetSite(TimeProvider time)
    {
        var now = time.GetUtcNow();
        Devices.Add(Location, ["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.location.Location"]);
        Devices.Set(Location, "PowerConsumed", 420.5, now);
        Devices.Set(Location, "PowerIn", 420.5, now);

        Devices.Add(Plug, ["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.plug.Plug", "com.kiwigrid.devices.combinedplug.CombinedPlug"]);
        Devices.Set(Plug, "IdName", "myStrom (Waschmaschine)", now);
        Devices.Set(Plug, "IdManufacturer", "myStrom AG", now);
        Devices.Set(Plug, "IdModelCode", "107", now);
        Devices.Set(Plug, "PowerIn", 1.68, now);

        Devices.Add(Heater, ["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.mypv.SmartHeater"]);
        Devices.Set(Heater, "IdName", "Heizstab (AC ELWA)", now);
        Devices.Set(Heater, "TemperatureWater", 66.6, now);
        Devices.Set(Heater, "PowerACInMax", 3500, now);
    }

    public DeviceStore Devices { get; } = new();

    public void Update()
    {
        // A fixed moment: nothing moves.
    }
}
