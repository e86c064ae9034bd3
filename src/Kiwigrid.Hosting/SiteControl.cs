using Kiwigrid.Client.Sources;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Hosting;

/// <summary>
/// What serve can set on the site and, with <c>--allow-control</c>, the one way it changes a setting, whether asked
/// through the API or an MQTT command: check the value, change it through the source, log who changed what in one
/// line, and hand the read-back to everyone who shows settings (the dashboard's event stream, MQTT state).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "Its one disposable is a CancellationTokenSource without a timer, which holds nothing to release.")]
internal sealed partial class SiteControl
{
    private readonly ISiteSource _source;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<Action<IReadOnlyList<SiteSetting>>> _listeners = [];
    private IReadOnlyList<SiteSetting>? _latest;
    private DateTimeOffset _readAt;
    private Task _refresh = Task.CompletedTask;

    // Ends a background reading when serve stops (one started after a change has no caller's token): waiting for it
    // could take the whole read timeout, and on a test's clock for ever.
    private readonly CancellationTokenSource _stopping = new();

    /// <param name="source">The site; it must offer <see cref="SiteCapabilities.Settings"/>, and <see cref="SiteCapabilities.Control"/> when <paramref name="allowed"/>.</param>
    /// <param name="allowed">Whether changes are allowed (<c>--allow-control</c>); otherwise settings are only shown.</param>
    /// <param name="timeProvider">The clock for the timeouts and the refresh interval.</param>
    /// <param name="logger">Where each change goes, in one line with the token's name, never the token.</param>
    public SiteControl(ISiteSource source, bool allowed, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Capabilities.HasFlag(SiteCapabilities.Settings) || (allowed && !source.Capabilities.HasFlag(SiteCapabilities.Control)))
        {
            throw new ArgumentException("The source cannot do what the control needs.", nameof(source));
        }

        _source = source;
        Allowed = allowed;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Whether changes are allowed (<c>--allow-control</c>).</summary>
    public bool Allowed { get; }

    /// <summary>The longest a reading of the settings may take.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a change may take, the source's confirmation and read-back included.</summary>
    public TimeSpan ChangeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the settings are read again beside the watch, to show changes made elsewhere (the app).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The settings as last read or changed; null before the first reading.</summary>
    public IReadOnlyList<SiteSetting>? Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    /// <summary>Calls <paramref name="listener"/> with every list of settings read or changed from now on.</summary>
    public void Subscribe(Action<IReadOnlyList<SiteSetting>> listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
        }
    }

    /// <summary>Reads the settings from the site and shows them everywhere.</summary>
    /// <exception cref="TimeoutException">The site did not answer within <see cref="ReadTimeout"/>.</exception>
    public async Task<IReadOnlyList<SiteSetting>> ReadAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        IReadOnlyList<SiteSetting> settings;
        try
        {
            settings = await _source.GetSettingsAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The site did not answer within {ReadTimeout.TotalSeconds:0} s; try again later.");
        }

        Show(settings);
        return settings;
    }

    /// <summary>
    /// Starts reading the settings in the background when the last reading is older than <see cref="RefreshInterval"/>
    /// and none is running; a failure is logged, and the next snapshot tries again.
    /// </summary>
    public void RefreshIfDue(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_refresh.IsCompleted || (_latest is not null && _timeProvider.GetUtcNow() - _readAt < RefreshInterval))
            {
                return;
            }

            _refresh = RefreshAsync(cancellationToken);
        }
    }

    /// <summary>Ends a background reading and waits for it, for a clean stop.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task refresh;
        lock (_lock)
        {
            refresh = _refresh;
        }

        await refresh.ConfigureAwait(false);
    }

    /// <summary>
    /// Changes one setting for <paramref name="who"/> (a token's name, or <c>mqtt</c>): checks the value against what
    /// the setting takes, changes it through the source and returns the read-back.
    /// </summary>
    /// <exception cref="InvalidOperationException">Changes are not allowed.</exception>
    /// <exception cref="KeyNotFoundException">The site has no such device or setting.</exception>
    /// <exception cref="ArgumentException">The value is not one the setting takes; nothing was sent.</exception>
    /// <exception cref="TimeoutException">The change took longer than <see cref="ChangeTimeout"/>; it may have been made.</exception>
    public async Task<SettingChange> ChangeAsync(string who, string deviceId, string setting, string value, CancellationToken cancellationToken)
    {
        if (!Allowed)
        {
            throw new InvalidOperationException("This server does not change settings; start serve with --allow-control.");
        }

        try
        {
            var known = await FindAsync(deviceId, setting, cancellationToken).ConfigureAwait(false);
            var normalized = known.Normalize(value);
            using var timeout = new CancellationTokenSource(ChangeTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            SettingChange change;
            try
            {
                change = await _source.ChangeSettingAsync(known.DeviceId, known.Name, normalized, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The site did not confirm the change of {known.Name} within {ChangeTimeout.TotalSeconds:0} s; it may still happen, so read the settings again before retrying.");
            }

            LogChanged(_logger, who, known.Name, known.DeviceName, known.DeviceId, change.Before.Value ?? "(unknown)", change.After.Value ?? "(unknown)", change.SeenInReadBack ? "" : " (not yet seen in the read-back)");
            Replace(change.After);
            return change;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without the " (Parameter 'value')" .NET adds to an ArgumentException's sentence.
            LogRefused(_logger, who, setting, deviceId, value, ex.Message.Split(" (Parameter", 2)[0]);
            if (ex is not (KeyNotFoundException or ArgumentException))
            {
                // The change may have been made before the site failed: show what it holds now. Not on the caller's token:
                // the reading outlives the request that failed (ReadTimeout bounds it).
                RefreshNow();
            }

            throw;
        }
    }

    /// <summary>The setting as last read, or as read now when the last reading does not have it (a device added since).</summary>
    /// <exception cref="KeyNotFoundException">The site has no such device or setting.</exception>
    /// <exception cref="TimeoutException">The site did not answer within <see cref="ReadTimeout"/>.</exception>
    public async Task<SiteSetting> FindAsync(string deviceId, string setting, CancellationToken cancellationToken) =>
        Find(Latest, deviceId, setting) ?? Find(await ReadAsync(cancellationToken).ConfigureAwait(false), deviceId, setting)
            ?? throw new KeyNotFoundException($"The site has no setting '{setting}' on a device '{deviceId}'; GET /api/settings lists what can be set.");

    private static SiteSetting? Find(IReadOnlyList<SiteSetting>? settings, string deviceId, string setting) =>
        settings?.FirstOrDefault(s => s.DeviceId == deviceId && s.Name == setting);

    private void RefreshNow()
    {
        lock (_lock)
        {
            if (_refresh.IsCompleted)
            {
                _refresh = RefreshAsync(CancellationToken.None);
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var stoppingToo = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            await ReadAsync(stoppingToo.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToo.IsCancellationRequested)
        {
            LogReadFailed(_logger, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Serve is stopping.
        }
    }

    private void Show(IReadOnlyList<SiteSetting> settings)
    {
        Action<IReadOnlyList<SiteSetting>>[] listeners;
        lock (_lock)
        {
            _latest = settings;
            _readAt = _timeProvider.GetUtcNow();
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(settings);
        }
    }

    private void Replace(SiteSetting after)
    {
        IReadOnlyList<SiteSetting> settings;
        lock (_lock)
        {
            var current = _latest ?? [];
            settings = current.Any(s => s.DeviceId == after.DeviceId && s.Name == after.Name)
                ? [.. current.Select(s => s.DeviceId == after.DeviceId && s.Name == after.Name ? after : s)]
                : [.. current, after];
        }

        Show(settings);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "{Who} changed {Setting} of {DeviceName} ({DeviceId}): {Before} → {After}{NotSeen}")]
    private static partial void LogChanged(ILogger logger, string who, string setting, string deviceName, string deviceId, string before, string after, string notSeen);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "{Who} could not change {Setting} of {DeviceId} to '{Value}': {Reason}")]
    private static partial void LogRefused(ILogger logger, string who, string setting, string deviceId, string value, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Reading the site's settings failed: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
