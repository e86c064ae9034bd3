using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>
/// Publishes a device watch to an MQTT broker for Home Assistant: retained discovery configs, one JSON state topic
/// per device plus the energy flow, and a retained availability topic backed by a last will; the configs of devices
/// and sensors a later snapshot no longer has are deleted with an empty retained payload. One background loop
/// owns the connection: it connects, reconnects with backoff and publishes the newest reading, so
/// <see cref="HandleAsync"/> only hands a snapshot over and never waits for the broker.
/// </summary>
/// <remarks>
/// State is not retained, as Home Assistant's own MQTT integrations do it: a power reading is only true for a
/// moment, a new one follows every poll, and a retained one would be shown as current by anyone subscribing after
/// this process stopped. Discovery and availability are retained so Home Assistant finds both after its restart.
/// </remarks>
internal sealed partial class MqttPublisher : IAsyncDisposable
{
    private readonly MqttPublisherOptions _options;
    private readonly ReconnectBackoff _backoff;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IMqttClient _client;
    private readonly string _clientId;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly BrokerCertificateTrust? _trust;
    private readonly SiteControl? _control;

    // Written by HandleAsync under _gate, read by the loop.
    private MqttTopics? _topics;
    private SensorSnapshot? _latest;
    private long _latestVersion;
    private bool _cloudAvailable = true;
    private IReadOnlyList<SiteSetting>? _settings;
    private long _settingsVersion;

    // The loop's view of what the broker holds from this connection; reset on every connect.
    private readonly Dictionary<string, string> _publishedConfigs = new(StringComparer.Ordinal);

    // Every config topic this process has put on the broker and not yet removed, across reconnects: a broker with
    // persistence still holds them after a reconnect, so removal must not depend on this connection having sent them.
    private readonly HashSet<string> _announcedConfigs = new(StringComparer.Ordinal);

    // Configs of ours the broker still held when we subscribed (from an earlier run), handed to the loop.
    private readonly ConcurrentQueue<string> _foundConfigs = new();
    private string? _publishedAvailability;
    private long _publishedVersion;
    private long _publishedSettingsVersion;
    private volatile bool _rediscover;

    private Task _loop = Task.CompletedTask;
    private int _disposed;

    private MqttPublisher(MqttPublisherOptions options, ILogger logger, TimeProvider timeProvider, SiteControl? control)
    {
        _options = options;
        _backoff = new ReconnectBackoff(options.ReconnectDelay, options.MaxReconnectDelay, options.ReconnectJitter);
        _control = control;
        _logger = logger;
        _timeProvider = timeProvider;
        _trust = options.UseTls ? BrokerCertificateTrust.For(options.Broker.Host, options.CaFile) : null;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;

        // Stable across this process's reconnects, so the broker replaces a half-open old connection at once (and
        // sends its will then, before our new "online") instead of timing it out later; unique per process.
        _clientId = $"kiwigrid-{Guid.NewGuid():N}"[..24];
        if (options.NodeId is { } nodeId)
        {
            _topics = new MqttTopics(options.TopicPrefix, options.DiscoveryPrefix, nodeId);
        }
    }

    /// <summary>
    /// Validates the options and starts publishing. With a <see cref="MqttPublisherOptions.NodeId"/> it returns once
    /// the first connection attempt is over, connected or not; without one it connects on the first snapshot,
    /// which names the node. An unreachable broker is logged and retried, never thrown.
    /// </summary>
    /// <exception cref="KiwigridSetupException">An option cannot work (wrong scheme, wildcard in a prefix, …).</exception>
    public static Task<MqttPublisher> StartAsync(
        MqttPublisherOptions options, ILoggerFactory loggers, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        StartAsync(options, loggers, timeProvider, control: null, cancellationToken);

    /// <summary>
    /// As above, and with <paramref name="control"/> (which allows changes) the site's settings become Home Assistant
    /// <c>select</c>, <c>switch</c> and <c>number</c> entities whose commands change them through it; without, the
    /// configs of such entities left from an earlier run are removed.
    /// </summary>
    /// <exception cref="KiwigridSetupException">An option cannot work (wrong scheme, wildcard in a prefix, …).</exception>
    public static async Task<MqttPublisher> StartAsync(
        MqttPublisherOptions options, ILoggerFactory loggers, TimeProvider timeProvider, SiteControl? control, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var publisher = new MqttPublisher(options, loggers.CreateLogger<MqttPublisher>(), timeProvider, control is { Allowed: true } ? control : null);
        if (publisher._control is { } allowed)
        {
            allowed.Subscribe(publisher.HandleSettings);
            if (allowed.Latest is { } latest)
            {
                publisher.HandleSettings(latest);
            }
        }

        publisher._loop = Task.Run(() => publisher.RunAsync(publisher._stop.Token), CancellationToken.None);
        if (publisher._topics is not null)
        {
            try
            {
                await publisher._firstAttempt.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await publisher.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return publisher;
    }

    /// <summary>
    /// Takes the next watch event: a snapshot becomes the state to publish (with discovery for sensors not yet
    /// announced) and marks the site online; an interruption marks it offline. Returns at once.
    /// </summary>
    public Task HandleAsync(DeviceWatchEvent watchEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchEvent);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return Task.CompletedTask;
        }

        switch (watchEvent)
        {
            case DeviceSnapshot snapshot:
                var reading = SensorSnapshot.From(snapshot.Devices);
                lock (_gate)
                {
                    _topics ??= new MqttTopics(_options.TopicPrefix, _options.DiscoveryPrefix, MqttTopics.NodeIdFor(snapshot.Devices) ?? "site");
                    _latest = reading;
                    _latestVersion++;
                    _cloudAvailable = true;
                }

                break;
            case DeviceWatchInterrupted:
                lock (_gate)
                {
                    _cloudAvailable = false;
                }

                break;
        }

        Wake();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await WhenCommandsDoneAsync().ConfigureAwait(false);
        if (_client.IsConnected && _topics is { } topics)
        {
            // A clean disconnect suppresses the will, so say "offline" ourselves.
            try
            {
                await PublishAsync(new MqttOutgoingMessage(topics.Availability, MqttTopics.Offline, Retain: true), CancellationToken.None).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogCloseFailed(_logger, ex.Message);
            }
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        try
        {
            while (true)
            {
                var topics = Volatile.Read(ref _topics);
                if (topics is null)
                {
                    await _wake.Reader.ReadAsync(stop).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    if (!_client.IsConnected)
                    {
                        await ConnectAsync(topics, stop).ConfigureAwait(false);
                        LogConnected(_logger, _options.BrokerForDisplay, topics.NodeId, failures);
                    }

                    await PublishPendingAsync(topics, stop).ConfigureAwait(false);
                    failures = 0;
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    failures++;
                    var delay = _backoff.DelayFor(failures);
                    if (_trust?.TakeRefusal() is { } refusal)
                    {
                        LogCertificateRefused(_logger, _options.BrokerForDisplay, refusal, delay.TotalSeconds, failures);
                    }
                    else
                    {
                        LogBrokerFailed(_logger, _options.BrokerForDisplay, MqttFailureText.Describe(ex), delay.TotalSeconds, failures);
                    }

                    _firstAttempt.TrySetResult();
                    await Task.Delay(delay, _timeProvider, stop).ConfigureAwait(false);
                    continue;
                }

                _firstAttempt.TrySetResult();
                await _wake.Reader.ReadAsync(stop).ConfigureAwait(false);
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Disposed mid-operation; MQTTnet reports a cancelled publish as a timeout, hence any exception.
        }
        finally
        {
            _firstAttempt.TrySetResult();
        }
    }

    private async Task ConnectAsync(MqttTopics topics, CancellationToken stop)
    {
        var (userName, password) = _options.ResolveCredentials();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Broker.Host, _options.Port)
            .WithClientId(_clientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(_options.Timeout)
            .WithWillTopic(topics.Availability)
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (userName is not null)
        {
            builder.WithCredentials(userName, password);
        }

        if (_trust is { } trust)
        {
            builder.WithTlsOptions(new MqttClientTlsOptions { UseTls = true, TargetHost = _options.Broker.Host, CertificateValidationHandler = trust.Validate });
        }

        // A new connection starts with nothing of ours on the broker (it may have restarted without persistence).
        _publishedConfigs.Clear();
        _publishedAvailability = null;
        _publishedVersion = 0;
        _publishedSettingsVersion = 0;
        var connected = await _client.ConnectAsync(builder.Build(), stop).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MqttBrokerRefusedException(connected.ResultCode);
        }

        // Our own retained configs come back once: those of an earlier run, so a device removed while this process
        // was not running is deleted from Home Assistant too.
        // The setting entities' configs too, also without control: then those of a run with control are removed.
        var subscription = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topics.HomeAssistantStatus).WithTopicFilter(topics.SensorConfigs);
        foreach (var filter in topics.SettingConfigs)
        {
            subscription.WithTopicFilter(filter);
        }

        if (_control is not null)
        {
            subscription.WithTopicFilter(topics.SettingCommands);
        }

        await _client.SubscribeAsync(subscription.Build(), stop).ConfigureAwait(false);
    }

    /// <summary>Availability first (Home Assistant reads it when a config arrives), then discovery, then state.</summary>
    private async Task PublishPendingAsync(MqttTopics topics, CancellationToken stop)
    {
        SensorSnapshot? reading;
        long version;
        bool available;
        IReadOnlyList<SiteSetting>? settings;
        long settingsVersion;
        lock (_gate)
        {
            reading = _latest;
            version = _latestVersion;
            available = _cloudAvailable;
            settings = _settings;
            settingsVersion = _settingsVersion;
        }

        var availability = available ? MqttTopics.Online : MqttTopics.Offline;
        if (availability != _publishedAvailability)
        {
            await PublishAsync(new MqttOutgoingMessage(topics.Availability, availability, Retain: true), stop).ConfigureAwait(false);
            _publishedAvailability = availability;
        }

        if (reading is null)
        {
            return;
        }

        while (_foundConfigs.TryDequeue(out var found))
        {
            _announcedConfigs.Add(found);
        }

        if (_rediscover)
        {
            _rediscover = false;
            _publishedConfigs.Clear();
            _publishedVersion = 0;
            _publishedSettingsVersion = 0;
        }

        var announced = 0;
        var configs = settings is null
            ? HomeAssistantDiscovery.Configs(reading, topics)
            : [.. HomeAssistantDiscovery.Configs(reading, topics), .. HomeAssistantDiscovery.SettingConfigs(reading, settings, topics)];
        foreach (var config in configs)
        {
            if (!_publishedConfigs.TryGetValue(config.Topic, out var published) || published != config.Payload)
            {
                await PublishAsync(config, stop).ConfigureAwait(false);
                _publishedConfigs[config.Topic] = config.Payload;
                _announcedConfigs.Add(config.Topic);
                announced++;
            }
        }

        if (announced > 0)
        {
            LogDiscoveryPublished(_logger, announced);
        }

        await RemoveVanishedAsync(configs, stop).ConfigureAwait(false);

        if (version != _publishedVersion)
        {
            foreach (var state in reading.StateMessages(topics))
            {
                await PublishAsync(state, stop).ConfigureAwait(false);
            }

            _publishedVersion = version;
        }

        // The settings as the site read them back: Home Assistant shows a change once it is made, not when asked for.
        if (settings is not null && settingsVersion != _publishedSettingsVersion)
        {
            foreach (var state in HomeAssistantDiscovery.SettingStates(settings, topics))
            {
                await PublishAsync(state, stop).ConfigureAwait(false);
            }

            _publishedSettingsVersion = settingsVersion;
        }
    }

    /// <summary>
    /// Deletes the configs of devices and sensors the latest snapshot no longer has (removed, hidden, or a tag gone)
    /// the way Home Assistant documents it: an empty retained payload on the config topic. Only a snapshot removes
    /// anything; losing the cloud leaves the reading, and so the configs, as they were.
    /// </summary>
    private async Task RemoveVanishedAsync(IReadOnlyList<MqttOutgoingMessage> configs, CancellationToken stop)
    {
        var current = configs.Select(c => c.Topic).ToHashSet(StringComparer.Ordinal);
        var vanished = _announcedConfigs.Where(topic => !current.Contains(topic)).Order(StringComparer.Ordinal).ToList();
        foreach (var topic in vanished)
        {
            await PublishAsync(new MqttOutgoingMessage(topic, string.Empty, Retain: true), stop).ConfigureAwait(false);

            // Forgotten only once the broker has it, so a removal cut off by a lost connection is sent again.
            _announcedConfigs.Remove(topic);
            _publishedConfigs.Remove(topic);
        }

        if (vanished.Count > 0)
        {
            LogDiscoveryRemoved(_logger, vanished.Count);
        }
    }

    private async Task PublishAsync(MqttOutgoingMessage message, CancellationToken cancellationToken)
    {
        var result = await _client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(message.Topic)
                .WithPayload(message.Payload)
                .WithRetainFlag(message.Retain)
                .WithQualityOfServiceLevel(message.Retain ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .Build(),
            cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The MQTT broker refused a message on {message.Topic}: {result.ReasonCode}.");
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && Volatile.Read(ref _disposed) == 0)
        {
            LogConnectionLost(_logger, _options.BrokerForDisplay, args.Exception?.Message ?? args.Reason.ToString());
            Wake();
        }

        return Task.CompletedTask;
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (Volatile.Read(ref _topics) is not { } topics)
        {
            return Task.CompletedTask;
        }

        if (_control is not null && topics.IsSettingCommand(message.Topic))
        {
            OnCommand(message, topics);
        }
        else if (message.Topic == topics.HomeAssistantStatus)
        {
            // Home Assistant came (back) online: it may have lost the configs, so send them and the state again.
            if (message.ConvertPayloadToString() == MqttTopics.Online)
            {
                _rediscover = true;
                Wake();
            }
        }
        else if (message.Retain && IsOurConfig(message.ConvertPayloadToString(), topics))
        {
            // Only what the broker held at subscription is flagged retained; our own live publishes are not.
            _foundConfigs.Enqueue(message.Topic);
            Wake();
        }

        return Task.CompletedTask;
    }

    /// <summary>A config this bridge wrote (its unique id says so), not one someone else put under the same node.</summary>
    private static bool IsOurConfig(string? payload, MqttTopics topics)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("unique_id", out var uniqueId)
                && uniqueId.ValueKind == JsonValueKind.String
                && uniqueId.GetString()!.StartsWith($"kiwigrid_{topics.NodeId}_", StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Publishing to MQTT broker {Broker} as node {NodeId} (after {FailedAttempts} failed attempts)")]
    private static partial void LogConnected(ILogger logger, string broker, string nodeId, int failedAttempts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "MQTT broker {Broker} cannot be used ({Reason}); trying again in {DelaySeconds:0.#} s (attempt {Attempt})")]
    private static partial void LogBrokerFailed(ILogger logger, string broker, string reason, double delaySeconds, int attempt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Lost the connection to MQTT broker {Broker}: {Reason}")]
    private static partial void LogConnectionLost(ILogger logger, string broker, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Published {Count} Home Assistant discovery configs")]
    private static partial void LogDiscoveryPublished(ILogger logger, int count);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Closing the MQTT connection failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Removed {Count} Home Assistant discovery configs of devices or sensors the site no longer shows")]
    private static partial void LogDiscoveryRemoved(ILogger logger, int count);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Refused MQTT broker {Broker} because {Reason}; trying again in {DelaySeconds:0.#} s (attempt {Attempt})")]
    private static partial void LogCertificateRefused(ILogger logger, string broker, string reason, double delaySeconds, int attempt);
}
