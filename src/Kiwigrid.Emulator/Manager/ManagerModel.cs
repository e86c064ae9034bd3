namespace Kiwigrid.Emulator.Manager;

/// <summary>Which SOLARWATT Manager the emulator plays; the two speak the same wire and differ only in labels.</summary>
public enum ManagerModel
{
    /// <summary>The SOLARWATT Manager flex.</summary>
    Flex,

    /// <summary>The SOLARWATT Manager rail.</summary>
    Rail,
}
