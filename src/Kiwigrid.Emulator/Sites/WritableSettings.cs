namespace Kiwigrid.Emulator.Sites;

/// <summary>
/// Tags a user may change through <c>mergeDevice</c>: settings, not measurements. Both site kinds mark these
/// writable where a device has them. The HEMS API writes the same tags (<see cref="StationMode"/>,
/// <see cref="PlugRelay"/>) and one of its own (<see cref="OptimizationMode"/>).
/// </summary>
internal static class WritableSettings
{
    public const string MinimumStateOfCharge = "StateOfChargeMinimum";
    public const string StationMode = "ModeStation";
    public const string PlugRelay = "ModeRelay";

    /// <summary>
    /// The HEMS optimization mode of an EV station or plug (our design: no Kiwigrid tag for it is public, so the
    /// emulator keeps it under this name, read-only on the event bus; absent means <c>NOT_OPTIMIZED</c>).
    /// </summary>
    public const string OptimizationMode = "ModeOptimization";

    public static IReadOnlySet<string> TagNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MinimumStateOfCharge, StationMode, PlugRelay, "IdName", "PriceWorkIn", "PriceProfitFeedin",
    };
}
