using Kiwigrid.Emulator.Devices;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>A site without devices: the default until a simulated home is plugged in.</summary>
internal sealed class EmptySite : ISite
{
    public DeviceStore Devices { get; } = new();

    public void Update()
    {
        // Nothing changes over time in an empty home.
    }
}
