using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Devices;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Tests.Support;

/// <summary>A small fixed home: a location, a PV plant, a battery with writable settings, an Energy Manager.</summary>
internal sealed class TestSite : ISite
{
    public const string Location = "urn:kiwigrid:location:ERC05-000099999:0";
    public const string PvPlant = "urn:kiwigrid:pvplant:ERC05-000099999:0";
    public const string Battery = "urn:solarwatt:myreserve:bc:a1b2c3";
    public const string EnergyManager = "ERC05-000099999";

    public TestSite(TimeProvider time)
    {
        var now = time.GetUtcNow();
        Devices.Add(Location, ["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.location.Location"]);
        Devices.Set(Location, "IdName", "Home", now);
        Devices.Set(Location, "PowerProduced", 2001.186, now);
        Devices.Set(Location, "AddressLocation", new JsonObject { ["zip"] = "01067", ["country"] = "DE", ["city"] = "Dresden" }, now);

        Devices.Add(PvPlant, ["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.pvplant.PVPlant"]);
        Devices.Set(PvPlant, "IdName", "PV roof", now);
        Devices.Set(PvPlant, "PowerACOut", 2001.186, now);
        Devices.Set(PvPlant, "PowerInstalledPeak", 7600, now);

        Devices.Add(Battery, ["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.batteryconverter.BatteryConverter", "com.kiwigrid.devices.batteryconverter.MyReserve"]);
        Devices.Set(Battery, "IdName", "Battery ☀ ünit", now);
        Devices.Set(Battery, "StateOfCharge", 63, now);
        Devices.Set(Battery, "StateOfChargeMinimum", 10, now, writable: true);
        Devices.Set(Battery, "ModeConverter", "CHARGING", now);

        Devices.Add(EnergyManager, ["com.kiwigrid.lib.device.Device", "com.kiwigrid.devices.em.EnergyManager"]);
        Devices.Set(EnergyManager, "IdName", "Energy Manager", now);
        Devices.Set(EnergyManager, "StateVisibleIsSet", false, now);
    }

    public DeviceStore Devices { get; } = new();

    /// <summary>How often a reader brought the site up to date.</summary>
    public int Updates { get; private set; }

    public void Update() => Updates++;
}
