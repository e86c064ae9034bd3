namespace Kiwigrid.Emulator.Sites;

/// <summary>
/// Tags a user may change through <c>mergeDevice</c>: settings, not measurements. Both site kinds mark these
/// writable where a device has them.
/// </summary>
internal static class WritableSettings
{
    public const string MinimumStateOfCharge = "StateOfChargeMinimum";
    public const string StationMode = "ModeStation";

    public static IReadOnlySet<string> TagNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MinimumStateOfCharge, StationMode, "IdName", "PriceWorkIn", "PriceProfitFeedin",
    };
}
