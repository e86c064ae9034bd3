namespace Kiwigrid.Bench;

/// <summary>What reading a HEMS answer found, counted the same way by <c>bench/node/hems.js</c>.</summary>
/// <param name="Items">Devices, series and values seen, plus the numbers that were present.</param>
/// <param name="NumberSum">The sum of the numbers read.</param>
/// <param name="TextLength">The strings' lengths in UTF-16 units.</param>
/// <param name="TimeSum">The sum of the analytics' times as epoch milliseconds.</param>
internal sealed record HemsTally(long Items, double NumberSum, long TextLength, long TimeSum)
{
    public bool Matches(HemsTally other) =>
        (Items, TextLength, TimeSum) == (other.Items, other.TextLength, other.TimeSum)
        && Math.Abs(NumberSum - other.NumberSum) <= 1e-9 * Math.Max(1, Math.Abs(NumberSum));
}
