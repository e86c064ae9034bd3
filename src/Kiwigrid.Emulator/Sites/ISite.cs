using Kiwigrid.Emulator.Devices;

namespace Kiwigrid.Emulator.Sites;

/// <summary>The home an emulator serves: a simulated one, or a replayed dump.</summary>
public interface ISite
{
    /// <summary>The site's devices and their current tag values.</summary>
    DeviceStore Devices { get; }

    /// <summary>
    /// Brings every value up to the site's clock. Readers call this before reading, so the site needs no
    /// background timer and a fake clock drives it deterministically.
    /// </summary>
    void Update();
}
