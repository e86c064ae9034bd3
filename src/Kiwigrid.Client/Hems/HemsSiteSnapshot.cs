namespace Kiwigrid.Client.Hems;

/// <summary>The HEMS answers that together describe the site's devices now.</summary>
internal sealed record HemsSiteSnapshot(
    HemsEnergyFlow EnergyFlow,
    IReadOnlyList<HemsBattery> Batteries,
    IReadOnlyList<HemsPvPlant> PvPlants,
    IReadOnlyList<HemsDevice> EvStations,
    IReadOnlyList<HemsDevice> Plugs,
    IReadOnlyList<HemsSmartHeater> SmartHeaters,
    IReadOnlyList<HemsConsumer> Consumers);
