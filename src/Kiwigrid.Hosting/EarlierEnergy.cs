namespace Kiwigrid.Hosting;

/// <summary>The energy the cloud's history counts from <paramref name="From"/> (local midnight) up to <paramref name="Until"/> (the first live reading).</summary>
internal sealed record EarlierEnergy(DateTimeOffset From, DateTimeOffset Until, EnergyTotals Energy);
