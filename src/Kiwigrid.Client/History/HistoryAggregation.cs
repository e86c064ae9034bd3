namespace Kiwigrid.Client.History;

/// <summary>How a column turns a tag's values within one interval into one number.</summary>
public enum HistoryAggregation
{
    /// <summary>
    /// The counter's increase over the interval (<c>INC</c>): for the cumulative <c>Work*</c> tags, the energy of the
    /// interval in Wh. Such values add up over a longer span.
    /// </summary>
    Increase,

    /// <summary>
    /// The time-weighted average over the interval (<c>TWA</c>), for levels such as <c>StateOfCharge</c>. Such values
    /// average over a longer span.
    /// </summary>
    TimeWeightedAverage,
}
