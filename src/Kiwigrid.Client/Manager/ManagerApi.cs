namespace Kiwigrid.Client.Manager;

/// <summary>Which local API a SOLARWATT Manager's firmware speaks.</summary>
public enum ManagerApi
{
    /// <summary>Firmware 10.26.24.4 and later: <c>/rest/hems-configurator/energy-overview</c> and <c>…/things</c>.</summary>
    EnergyOverview,

    /// <summary>Older firmware: openHAB's <c>/rest/items</c> and <c>/rest/things</c>.</summary>
    OpenHabItems,
}
