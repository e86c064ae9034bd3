namespace Kiwigrid.Client;

/// <summary>Epoch numbers as sent by Kiwigrid: seconds in some places, milliseconds in others.</summary>
internal static class EpochTime
{
    // Epoch seconds stay below this until the year 5138; epoch milliseconds passed it in 1973.
    private const long SecondsMillisecondsBoundary = 100_000_000_000;

    /// <summary>Epoch seconds or milliseconds as a point in time; null if out of range.</summary>
    public static DateTimeOffset? FromSecondsOrMilliseconds(long raw)
    {
        var ms = Math.Abs(raw) < SecondsMillisecondsBoundary ? raw * 1000 : raw;
        return ms is >= -62_135_596_800_000 and <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
