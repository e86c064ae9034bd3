namespace Kiwigrid.Client.Sources;

/// <summary>The questions an <see cref="ISiteSource"/> can answer.</summary>
[Flags]
public enum SiteCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><see cref="ISiteSource.GetEnergyFlowAsync"/>.</summary>
    EnergyFlow = 1,

    /// <summary><see cref="ISiteSource.GetDevicesAsync"/>.</summary>
    Devices = 2,

    /// <summary>Devices carry every tag the installation keeps, not only the few a summary API exposes.</summary>
    AllTags = 4,

    /// <summary><see cref="ISiteSource.GetEnergyHistoryAsync"/>.</summary>
    History = 8,

    /// <summary><see cref="ISiteSource.WatchAsync"/>.</summary>
    Watch = 16,

    /// <summary><see cref="ISiteSource.GetSettingsAsync"/>.</summary>
    Settings = 32,

    /// <summary><see cref="ISiteSource.ChangeSettingAsync"/>.</summary>
    Control = 64,
}
