using Kiwigrid.Client;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>
/// A site whose settings can be read and changed, as <see cref="ISiteSource"/> promises it: today's cloud's EV station
/// (optimisation mode and switch) and a battery reserve in %. Each change is recorded; a test makes the next one fail
/// in the ways a real site does (refused, the connection lost after the write, no answer, a read-back that lags).
/// Only settings: serve's other readings come from elsewhere in these tests.
/// </summary>
internal sealed class ControllableSite : ISiteSource
{
    public const string Station = "ev-station-1";
    public const string StationName = "Wallbox";
    public const string Battery = "battery-1";
    public const string Mode = "optimization_mode";
    public const string Switch = "switch_state";
    public const string Reserve = "backup_reserve";

    private readonly Lock _lock = new();
    private readonly List<(string DeviceId, string Setting, string Value)> _changes = [];
    private List<SiteSetting> _settings =
    [
        new(Station, StationName, Mode, SettingKind.Choice, "PV optimized", ["Not optimized", "PV optimized", "Departure time"]),
        new(Station, StationName, Switch, SettingKind.Switch, "ON", ["ON", "OFF"]),
        new(Battery, "Battery flex", Reserve, SettingKind.Number, "20", []) { Minimum = 0, Maximum = 100, Unit = "%" },
    ];

    /// <summary>How the next change goes.</summary>
    public ChangeFault NextChange { get; set; }

    /// <summary>Every reading of the settings fails as a lost connection does.</summary>
    public bool ReadsFail { get; set; }

    /// <summary>Every reading of the settings gets no answer (until cancelled).</summary>
    public bool ReadsHang { get; set; }

    public string Description => "the controllable test site";

    public SiteCapabilities Capabilities => SiteCapabilities.Settings | SiteCapabilities.Control;

    /// <summary>Every change the site received, in order.</summary>
    public IReadOnlyList<(string DeviceId, string Setting, string Value)> Changes
    {
        get
        {
            lock (_lock)
            {
                return [.. _changes];
            }
        }
    }

    public SiteSetting Current(string deviceId, string setting)
    {
        lock (_lock)
        {
            return _settings.Single(s => s.DeviceId == deviceId && s.Name == setting);
        }
    }

    public async Task<IReadOnlyList<SiteSetting>> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        if (ReadsHang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (ReadsFail)
        {
            throw new KiwigridConnectionException("The connection to the site was lost.");
        }

        lock (_lock)
        {
            return [.. _settings];
        }
    }

    public async Task<SettingChange> ChangeSettingAsync(string deviceId, string setting, string value, CancellationToken cancellationToken = default)
    {
        SiteSetting? known;
        lock (_lock)
        {
            known = _settings.FirstOrDefault(s => s.DeviceId == deviceId && s.Name == setting);
        }

        var before = known ?? throw new ArgumentException($"The site has no setting {setting} on {deviceId}.", nameof(setting));
        var normalized = before.Normalize(value);
        var fault = NextChange;
        NextChange = ChangeFault.None;
        switch (fault)
        {
            case ChangeFault.Refused:
                throw new KiwigridServiceException(400, null, "The HEMS API refused the change: the device is in manual mode.");
            case ChangeFault.NoAnswer:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }

        var after = before with { Value = normalized };
        lock (_lock)
        {
            _changes.Add((deviceId, setting, normalized));
            _settings = [.. _settings.Select(s => s == before ? after : s)];
        }

        return fault switch
        {
            ChangeFault.ConnectionLostBeforeReadBack => throw new KiwigridConnectionException("The connection to the site was lost."),
            ChangeFault.ReadBackLags => new SettingChange(before, before, SeenInReadBack: false),
            _ => new SettingChange(before, after, SeenInReadBack: true),
        };
    }

    public Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<HistoryTable> GetEnergyHistoryAsync(DateTimeOffset start, DateTimeOffset until, HistoryResolution resolution, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<DeviceWatchEvent> WatchAsync(DeviceWatchOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>How <see cref="ControllableSite"/>'s next change goes.</summary>
internal enum ChangeFault
{
    None,

    /// <summary>The site refuses it with a reason (a 4xx).</summary>
    Refused,

    /// <summary>The site makes the change, then the connection is lost before the read-back.</summary>
    ConnectionLostBeforeReadBack,

    /// <summary>The site never answers.</summary>
    NoAnswer,

    /// <summary>The site confirms, but the read-back still shows the old value.</summary>
    ReadBackLags,
}
