using Kiwigrid.Cli.Connection;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Tests;

/// <summary>A command whose source cannot answer what it needs says so in one sentence naming the source.</summary>
public sealed class SourceLimitsTests
{
    [Theory]
    [InlineData(SiteCapabilities.Watch, "The flow-only site cannot be watched; read it once with status or devices instead.")]
    [InlineData(SiteCapabilities.Watch | SiteCapabilities.Devices, "The flow-only site does not list its devices; see its energy flow with status instead.")]
    [InlineData(SiteCapabilities.History, "The flow-only site keeps no history; read it from the cloud instead.")]
    public void The_first_missing_capability_is_named_in_one_sentence(SiteCapabilities needed, string sentence)
    {
        var error = Assert.Throws<CliUsageException>(() => SourceLimits.Require(new FlowOnlySource(), needed));

        Assert.Equal(sentence, error.Message);
    }

    [Fact]
    public void What_the_source_can_answer_passes()
    {
        SourceLimits.Require(new FlowOnlySource(), SiteCapabilities.EnergyFlow);
    }

    /// <summary>A source that answers only the energy flow, as a summary-only cloud might.</summary>
    private sealed class FlowOnlySource : ISiteSource
    {
        public string Description => "the flow-only site";

        public SiteCapabilities Capabilities => SiteCapabilities.EnergyFlow;

        public Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default) => Task.FromResult(new EnergyFlow());

        public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
