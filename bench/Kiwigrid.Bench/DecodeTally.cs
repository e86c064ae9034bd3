namespace Kiwigrid.Bench;

/// <summary>
/// What reading a reply found, counted the same way on both sides (the Node.js script prints the same fields) so that
/// the benchmark can refuse to compare two sides that did different work.
/// </summary>
/// <param name="Tags">Tags seen.</param>
/// <param name="Numbers">Values read as numbers.</param>
/// <param name="Strings">Values read as strings.</param>
/// <param name="Bools">Values read as booleans.</param>
/// <param name="Structured">Object and array values.</param>
/// <param name="Nulls">Null or absent values.</param>
/// <param name="Members">Elements of the arrays plus properties of the objects.</param>
/// <param name="NumberSum">The sum of the numbers, in reading order.</param>
/// <param name="TextLength">The strings' lengths in UTF-16 units.</param>
/// <param name="FlowSum">The sum of the energy flow's figures (W and %).</param>
/// <param name="StampSum">The sum of the tags' timestamps (epoch ms) and <c>oca</c>s; 0 for LAN frames.</param>
internal sealed record DecodeTally(
    int Tags,
    int Numbers,
    int Strings,
    int Bools,
    int Structured,
    int Nulls,
    long Members,
    double NumberSum,
    long TextLength,
    double FlowSum,
    long StampSum)
{
    /// <summary>Whether the two tallies describe the same reading (sums to a relative 1e-9).</summary>
    public bool Matches(DecodeTally other) =>
        (Tags, Numbers, Strings, Bools, Structured, Nulls, Members, TextLength, StampSum)
            == (other.Tags, other.Numbers, other.Strings, other.Bools, other.Structured, other.Nulls, other.Members, other.TextLength, other.StampSum)
        && Close(NumberSum, other.NumberSum)
        && Close(FlowSum, other.FlowSum);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
