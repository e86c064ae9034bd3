using Kiwigrid.Client.Devices;

namespace Kiwigrid.Hosting.Views;

/// <summary>The one power that says what a device is doing, W, signed the way a person reads it.</summary>
internal static class DevicePower
{
    public static double? Of(Device device) => device.Kind switch
    {
        DeviceKind.Location => device.GetDouble(TagNames.PowerConsumed),
        DeviceKind.PVPlant or DeviceKind.Inverter => device.GetDouble(TagNames.PowerACOut),
        // Positive while discharging, as the energy flow counts the battery.
        DeviceKind.Battery => Difference(device.GetDouble(TagNames.PowerACOut), device.GetDouble(TagNames.PowerACIn)),
        // Positive while importing from the grid.
        DeviceKind.PowerMeter => Difference(device.GetDouble(TagNames.PowerIn), device.GetDouble(TagNames.PowerOut)),
        DeviceKind.EVStation or DeviceKind.SmartHeater => device.GetDouble(TagNames.PowerACIn),
        DeviceKind.Plug => device.GetDouble(TagNames.PowerIn),
        _ => null,
    };

    private static double? Difference(double? a, double? b) => a is null && b is null ? null : (a ?? 0) - (b ?? 0);
}
