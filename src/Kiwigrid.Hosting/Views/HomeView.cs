namespace Kiwigrid.Hosting.Views;

/// <summary>
/// What the live view shows of a home at one moment. Powers in W; null when the site does not report a value.
/// </summary>
internal sealed record HomeView
{
    /// <summary>The site's display name, if it has one.</summary>
    public string? SiteName { get; init; }

    /// <summary>When the values were read.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>PV production, W.</summary>
    public double? PvPower { get; init; }

    /// <summary>House consumption, W.</summary>
    public double? HousePower { get; init; }

    /// <summary>Battery state of charge, % (mean over all batteries); null when the site has no battery.</summary>
    public double? BatteryStateOfCharge { get; init; }

    /// <summary>Battery power, W: positive while discharging, negative while charging.</summary>
    public double? BatteryPower { get; init; }

    /// <summary>Grid power, W: positive while importing, negative while feeding in.</summary>
    public double? GridPower { get; init; }

    /// <summary>Power bought from the grid, W.</summary>
    public double? GridImportPower { get; init; }

    /// <summary>Power fed into the grid, W.</summary>
    public double? GridExportPower { get; init; }

    /// <summary>Power into the batteries, W.</summary>
    public double? BatteryChargingPower { get; init; }

    /// <summary>Power out of the batteries, W.</summary>
    public double? BatteryDischargingPower { get; init; }

    /// <summary>How many batteries the site has.</summary>
    public int BatteryCount { get; init; }

    /// <summary>Power drawn by the EV charging stations, W; null when the site has none.</summary>
    public double? EvPower { get; init; }

    /// <summary>The share of the house's consumption covered by PV and battery, 0 to 1.</summary>
    public double? SelfSufficiency { get; init; }

    /// <summary>Where the power goes: every flow above zero.</summary>
    public IReadOnlyList<PowerFlow> Flows { get; init; } = [];

    /// <summary>Where the figures break the energy balance (<see cref="EnergyBalance"/>); empty when they agree.</summary>
    public IReadOnlyList<BalanceGap> BalanceGaps { get; init; } = [];
}
