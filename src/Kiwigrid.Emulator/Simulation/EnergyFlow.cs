namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// A Location's energy flows split by source and sink (W, or Wh for counters). The aggregates are sums of the
/// split flows, so the identities of DEVICE-MODEL.md hold by construction.
/// </summary>
internal readonly record struct EnergyFlow(
    double ConsumedFromProducers,
    double ConsumedFromGrid,
    double ConsumedFromStorage,
    double BufferedFromProducers,
    double BufferedFromGrid,
    double OutFromProducers,
    double OutFromStorage)
{
    public double Produced => ConsumedFromProducers + BufferedFromProducers + OutFromProducers;

    public double Consumed => ConsumedFromProducers + ConsumedFromGrid + ConsumedFromStorage;

    public double Buffered => BufferedFromGrid + BufferedFromProducers;

    public double In => ConsumedFromGrid + BufferedFromGrid;

    public double Out => OutFromProducers + OutFromStorage;

    public double Released => ConsumedFromStorage + OutFromStorage;

    public double SelfConsumed => ConsumedFromProducers + BufferedFromProducers;

    public double SelfSupplied => ConsumedFromProducers + ConsumedFromStorage;

    /// <summary>
    /// Splits the flows the way the Energy Manager's default strategy does: PV feeds the house first, the surplus
    /// charges the battery, the rest goes to the grid up to the feed-in limit (PV is curtailed above it); the
    /// battery covers the deficit, the grid the rest. The battery never charges from the grid nor feeds into it.
    /// Values are rounded to milliwatts, as meters report them.
    /// </summary>
    /// <param name="available">PV power the inverters could deliver.</param>
    /// <param name="consumption">What the house (and car) draw.</param>
    /// <param name="chargeLimit">Most the battery can take now.</param>
    /// <param name="dischargeLimit">Most the battery can give now.</param>
    /// <param name="feedInLimit">Most the grid connection may take.</param>
    public static EnergyFlow Balance(double available, double consumption, double chargeLimit, double dischargeLimit, double feedInLimit)
    {
        var production = Milli(Math.Max(available, 0));
        var load = Milli(Math.Max(consumption, 0));

        var direct = Math.Min(production, load);
        var surplus = production - direct;
        var charging = Milli(UpTo(chargeLimit, surplus));
        var feedIn = Milli(UpTo(feedInLimit, surplus - charging));

        var deficit = load - direct;
        var discharging = Milli(UpTo(dischargeLimit, deficit));
        var fromGrid = Milli(Math.Max(deficit - discharging, 0));

        return new EnergyFlow(direct, fromGrid, discharging, charging, 0, feedIn, 0);
    }

    /// <summary>This flow sustained for <paramref name="hours"/>, as energy in Wh.</summary>
    public EnergyFlow Times(double hours) => new(
        ConsumedFromProducers * hours,
        ConsumedFromGrid * hours,
        ConsumedFromStorage * hours,
        BufferedFromProducers * hours,
        BufferedFromGrid * hours,
        OutFromProducers * hours,
        OutFromStorage * hours);

    public static EnergyFlow operator +(EnergyFlow a, EnergyFlow b) => new(
        a.ConsumedFromProducers + b.ConsumedFromProducers,
        a.ConsumedFromGrid + b.ConsumedFromGrid,
        a.ConsumedFromStorage + b.ConsumedFromStorage,
        a.BufferedFromProducers + b.BufferedFromProducers,
        a.BufferedFromGrid + b.BufferedFromGrid,
        a.OutFromProducers + b.OutFromProducers,
        a.OutFromStorage + b.OutFromStorage);

    private static double Milli(double watts) => Math.Round(watts, 3);

    // Rounding can leave an upper bound a hair below zero; it then means "nothing".
    private static double UpTo(double wanted, double upper) => Math.Min(Math.Max(wanted, 0), Math.Max(upper, 0));
}
