using System.Collections.Concurrent;
using Kiwigrid.Client.Sources;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>
/// Commands from Home Assistant: a value on a setting's command topic is checked against what the setting takes and
/// handed to the <see cref="SiteControl"/>, which changes it and logs it as made by <c>mqtt</c>; the state follows
/// from the read-back. A command that cannot be one (no such setting, a value the setting does not take, a retained
/// message) is ignored with one log line.
/// </summary>
internal sealed partial class MqttPublisher
{
    /// <summary>Who changes a setting through a command, in the log of changes.</summary>
    public const string CommandAuthor = "mqtt";

    private readonly ConcurrentDictionary<Task, bool> _commands = new();

    /// <summary>Takes the settings as read or changed; their entities and state follow on the next publish.</summary>
    private void HandleSettings(IReadOnlyList<SiteSetting> settings)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        lock (_gate)
        {
            _settings = settings;
            _settingsVersion++;
        }

        Wake();
    }

    private void OnCommand(MqttApplicationMessage message, MqttTopics topics)
    {
        var payload = message.ConvertPayloadToString() ?? string.Empty;
        if (message.Retain)
        {
            // A retained command would change the setting again at every start of serve or of the broker.
            LogCommandIgnored(_logger, message.Topic, payload, "it was retained; send commands without the retain flag");
            return;
        }

        IReadOnlyList<SiteSetting>? settings;
        lock (_gate)
        {
            settings = _settings;
        }

        var setting = settings?.FirstOrDefault(s => topics.SettingCommand(s.DeviceId, s.Name) == message.Topic);
        if (setting is null)
        {
            LogCommandIgnored(_logger, message.Topic, payload, "no setting of the site has this command topic");
            return;
        }

        string value;
        try
        {
            value = setting.Normalize(payload);
        }
        catch (ArgumentException ex)
        {
            LogCommandIgnored(_logger, message.Topic, payload, ex.Message.Split(" (Parameter", 2)[0]);
            return;
        }

        // Off MQTTnet's receive loop: a change waits for the site's read-back.
        var command = Task.Run(() => ChangeAsync(setting, value), CancellationToken.None);
        _commands[command] = true;
        command.ContinueWith(done => _commands.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ChangeAsync(SiteSetting setting, string value)
    {
        try
        {
            await _control!.ChangeAsync(CommandAuthor, setting.DeviceId, setting.Name, value, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // SiteControl has logged why; the state topic keeps what the site shows.
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Serve is stopping.
        }
    }

    private Task WhenCommandsDoneAsync() => Task.WhenAll(_commands.Keys);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Ignored the MQTT command '{Payload}' on {Topic}: {Reason}")]
    private static partial void LogCommandIgnored(ILogger logger, string topic, string payload, string reason);
}
