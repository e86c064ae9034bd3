namespace Kiwigrid.Hosting.Views;

/// <summary>
/// Two figures of one reading that should agree and do not: a total the site reports against the sum of the flows
/// it reports for the same place (PV production against the flows out of PV), or everything coming in against
/// everything going out.
/// </summary>
/// <param name="Figure">Which total: <c>pv</c>, <c>house</c>, <c>gridImport</c>, <c>gridExport</c>, <c>batteryCharging</c>, <c>batteryDischarging</c>, or <c>total</c> (sources against uses).</param>
/// <param name="Reported">The total as reported, W.</param>
/// <param name="Flows">What the flows (for <c>total</c>: the uses) add up to, W.</param>
/// <param name="Message">One sentence naming both figures and how far apart they are.</param>
internal sealed record BalanceGap(string Figure, double Reported, double Flows, string Message)
{
    /// <summary>Reported minus flows, W.</summary>
    public double Difference => Reported - Flows;
}
