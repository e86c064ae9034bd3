namespace Kiwigrid.Emulator.Simulation;

/// <summary>
/// The battery's energy content and AC power limits. Half the round-trip loss is taken on the way in and half on
/// the way out, so AC energy in × efficiency = AC energy out for a full cycle.
/// </summary>
internal sealed class BatteryStorage
{
    private readonly double _maxCharge;
    private readonly double _maxDischarge;
    private readonly double _oneWayEfficiency;

    public BatteryStorage(double capacity, double maxCharge, double maxDischarge, double roundTripEfficiency, double initialStateOfCharge)
    {
        Capacity = capacity;
        _maxCharge = maxCharge;
        _maxDischarge = maxDischarge;
        _oneWayEfficiency = Math.Sqrt(roundTripEfficiency);
        Stored = capacity * initialStateOfCharge / 100;
    }

    /// <summary>Usable capacity in Wh.</summary>
    public double Capacity { get; }

    /// <summary>Energy stored in Wh.</summary>
    public double Stored { get; private set; }

    /// <summary>State of charge in %.</summary>
    public double StateOfCharge => Stored / Capacity * 100;

    /// <summary>DC energy put into the cells since installation, Wh.</summary>
    public double Charged { get; set; }

    /// <summary>DC energy taken from the cells since installation, Wh.</summary>
    public double Discharged { get; set; }

    /// <summary>The AC power in W the battery can take for <paramref name="hours"/> without overfilling.</summary>
    public double ChargeLimit(double hours) => Math.Clamp((Capacity - Stored) / (_oneWayEfficiency * hours), 0, _maxCharge);

    /// <summary>The AC power in W the battery can give for <paramref name="hours"/> without going below <paramref name="minimumStateOfCharge"/>.</summary>
    public double DischargeLimit(double hours, double minimumStateOfCharge)
    {
        var above = Stored - (Capacity * minimumStateOfCharge / 100);
        return Math.Clamp(above * _oneWayEfficiency / hours, 0, _maxDischarge);
    }

    /// <summary>Moves energy for one step; exactly one of the powers is non-zero in the default strategy.</summary>
    public void Apply(double acCharge, double acDischarge, double hours, double minimumStateOfCharge)
    {
        var intoCells = acCharge * _oneWayEfficiency * hours;
        var outOfCells = acDischarge / _oneWayEfficiency * hours;
        var floor = Math.Min(Stored, Capacity * minimumStateOfCharge / 100);

        // Clamping only removes rounding dust from a step that filled or emptied the battery exactly.
        Stored = Math.Clamp(Stored + intoCells - outOfCells, acDischarge > 0 ? floor : 0, Capacity);
        Charged += intoCells;
        Discharged += outOfCells;
    }
}
