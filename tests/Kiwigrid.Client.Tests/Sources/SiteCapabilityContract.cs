using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Tests.Sources;

/// <summary>What every source promises: a question left out of its capabilities throws NotSupportedException when asked.</summary>
internal static class SiteCapabilityContract
{
    /// <summary>Asks every question the source does not claim and returns those that did not throw NotSupportedException.</summary>
    public static async Task<List<SiteCapabilities>> UnclaimedThatDoNotThrowAsync(ISiteSource source)
    {
        var questions = new Dictionary<SiteCapabilities, Func<Task>>
        {
            [SiteCapabilities.EnergyFlow] = () => source.GetEnergyFlowAsync(),
            [SiteCapabilities.Devices] = () => source.GetDevicesAsync(),
            [SiteCapabilities.History] = () => source.GetEnergyHistoryAsync(
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), HistoryResolution.FifteenMinutes),
            [SiteCapabilities.Watch] = async () =>
            {
                await foreach (var _ in source.WatchAsync(DeviceWatchOptions.Default))
                {
                    break;
                }
            },
            [SiteCapabilities.Settings] = () => source.GetSettingsAsync(),
            [SiteCapabilities.Control] = () => source.ChangeSettingAsync("device", "setting", "value"),
        };

        var failures = new List<SiteCapabilities>();
        foreach (var (capability, ask) in questions)
        {
            if (source.Capabilities.HasFlag(capability))
            {
                continue;
            }

            try
            {
                await ask();
                failures.Add(capability);
            }
            catch (NotSupportedException)
            {
            }
        }

        return failures;
    }
}
