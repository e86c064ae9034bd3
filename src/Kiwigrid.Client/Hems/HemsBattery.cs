using System.Text.Json;

namespace Kiwigrid.Client.Hems;

/// <summary>One battery of <c>/battery</c>. Fractions are as the API sends them (0–1), not percent.</summary>
/// <param name="Device">Who the battery is.</param>
/// <param name="StateOfCharge">The state of charge, 0–1.</param>
/// <param name="BackupStateOfCharge">The charge kept for a power cut, 0–1.</param>
/// <param name="BackupActive">Whether the battery is supplying the house in a power cut now.</param>
/// <param name="BackupAvailable">Whether the battery can supply the house in a power cut.</param>
/// <param name="WorkCapacity">The usable capacity, Wh.</param>
public sealed record HemsBattery(
    HemsDevice Device,
    double? StateOfCharge,
    double? BackupStateOfCharge,
    bool? BackupActive,
    bool? BackupAvailable,
    double? WorkCapacity)
{
    internal static HemsBattery Read(JsonElement item) => new(
        HemsDevice.Read(item),
        HemsJson.Number(item, "state_of_charge"),
        HemsJson.Number(item, "backup_state_of_charge"),
        HemsJson.Bool(item, "backup_active"),
        HemsJson.Bool(item, "backup_available"),
        HemsJson.Number(item, "work_capacity"));
}
