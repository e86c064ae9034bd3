using System.Text.Json;

namespace Kiwigrid.Emulator.Hems;

/// <summary>
/// The HEMS device lists (<c>/battery</c>, <c>/pv-plant</c>, <c>/evstation</c>, <c>/plug</c>, <c>/smart-heater</c>,
/// <c>/device</c>, <c>/device/optimization</c>, <c>/home/consumption/consumers</c>), item fields as the public payloads
/// show them, filled from the devices' Kiwigrid tags.
/// </summary>
internal static class HemsDeviceLists
{
    /// <summary>The kinds <c>/device</c> lists: what a user sees as a device of the home.</summary>
    private static readonly HemsDeviceKind[] Listed =
        [HemsDeviceKind.PvPlant, HemsDeviceKind.Battery, HemsDeviceKind.EvStation, HemsDeviceKind.Plug, HemsDeviceKind.SmartHeater];

    public static void WriteKind(Utf8JsonWriter w, HemsSnapshot home, HemsDeviceKind kind)
    {
        w.WriteStartArray();
        foreach (var device in home.OfKind(kind))
        {
            w.WriteStartObject();
            WriteCommon(w, device, Inverter(home, device));
            switch (kind)
            {
                case HemsDeviceKind.Battery:
                    w.WriteNumber("state_of_charge", device.StateOfChargeFraction);
                    w.WriteString("mode", device.Text("ModeConverter") ?? "OFF");
                    w.WriteNumber("work_capacity", device.Number("WorkCapacity"));

                    // No emulated battery has a backup (emergency power) circuit.
                    w.WriteBoolean("backup_active", false);
                    w.WriteBoolean("backup_available", false);
                    w.WriteNumber("backup_state_of_charge", 0);
                    break;
                case HemsDeviceKind.PvPlant:
                    w.WriteNumber("power_installed_peak", device.Number("PowerInstalledPeak"));
                    break;
                case HemsDeviceKind.SmartHeater:
                    w.WriteNumber("temperature", device.Number("TemperatureWater"));
                    w.WriteNumber("power_ac_in_max", device.Number("PowerACInMax"));
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteDevices(Utf8JsonWriter w, HemsSnapshot home)
    {
        w.WriteStartArray();
        foreach (var device in home.Devices.Where(d => Listed.Contains(d.Kind)))
        {
            w.WriteStartObject();
            w.WriteString("id", device.Guid);
            w.WriteString("name", device.Name);
            w.WriteString("type", device.Type);
            if (device.Kind == HemsDeviceKind.Battery)
            {
                // The portal's battery mode; the emulated battery always runs on its own.
                w.WriteString("mode", "AUTO");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>What can be optimized or switched (<see cref="HemsOptimization"/>).</summary>
    public static void WriteOptimization(Utf8JsonWriter w, HemsSnapshot home)
    {
        w.WriteStartArray();
        foreach (var optimization in HemsOptimization.Of(home))
        {
            optimization.Write(w);
        }

        w.WriteEndArray();
    }

    /// <summary>The metered consumers (EV stations, plugs) and what they draw now, in W.</summary>
    public static void WriteConsumers(Utf8JsonWriter w, HemsSnapshot home)
    {
        w.WriteStartArray();
        foreach (var device in home.Devices.Where(d => d.Kind is HemsDeviceKind.EvStation or HemsDeviceKind.Plug))
        {
            w.WriteStartObject();
            w.WriteString("id", device.Guid);
            w.WriteString("name", device.Name);
            w.WriteNumber("consumption", device.Number("Power" + device.DrawSuffix));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCommon(Utf8JsonWriter w, HemsDevice device, HemsDevice? inverter)
    {
        // A PV plant is virtual; its make is its first inverter's.
        var make = inverter ?? device;
        w.WriteString("id", device.Guid);
        w.WriteString("name", device.Name);
        w.WriteString("type", device.Type);
        w.WriteString("manufacturer", make.TextOrEmpty("IdManufacturer"));
        w.WriteString("model_code", make.TextOrEmpty("IdModelCode"));
        w.WriteString("serial_number", make.TextOrEmpty("IdSerialNumber"));
        w.WriteString("firmware", make.TextOrEmpty("IdFirmware"));
        w.WriteString("state_device", device.Text("StateDevice") ?? "OK");
        w.WriteBoolean("configured_in_location", true);
    }

    private static HemsDevice? Inverter(HemsSnapshot home, HemsDevice device)
    {
        if (device.Kind != HemsDeviceKind.PvPlant)
        {
            return null;
        }

        var first = device.Strings("IdInverterList").FirstOrDefault();
        return first is null ? null : home.Devices.FirstOrDefault(d => d.Guid == first);
    }
}
