using System.Text.Json;
using MQTTnet;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>One message as a subscriber received it.</summary>
internal sealed record ReceivedMessage(int Index, string Topic, string Payload, bool Retain)
{
    public JsonElement Json => JsonDocument.Parse(Payload).RootElement;
}

/// <summary>
/// A plain MQTTnet subscriber, as Home Assistant would be one: records every message on its filters, in order,
/// and waits for one that matches.
/// </summary>
internal sealed class TopicRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string[] _filters;
    private readonly List<ReceivedMessage> _messages = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TopicRecorder(Uri broker, (string Name, string Password)? user, string[] filters, string? caFile = null)
    {
        var builder = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId($"recorder-{Guid.NewGuid():N}");
        if (user is var (name, password))
        {
            builder.WithCredentials(name, password);
        }

        if (caFile is not null)
        {
            // MQTTnet's own trust of one CA, independent of the publisher's.
            var trust = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            trust.ImportFromPemFile(caFile);
            builder.WithTlsOptions(new MqttClientTlsOptions { UseTls = true, TargetHost = broker.Host, TrustChain = trust });
        }

        _options = builder.Build();
        _filters = filters;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            lock (_messages)
            {
                _messages.Add(new ReceivedMessage(_messages.Count, args.ApplicationMessage.Topic, args.ApplicationMessage.ConvertPayloadToString() ?? string.Empty, args.ApplicationMessage.Retain));
                _arrived.TrySetResult();
                _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return Task.CompletedTask;
        };
    }

    public static async Task<TopicRecorder> StartAsync(Uri broker, (string Name, string Password)? user = null, params string[] filters)
    {
        var recorder = new TopicRecorder(broker, user, filters.Length == 0 ? ["#"] : filters);
        await recorder.ConnectAsync();
        return recorder;
    }

    /// <summary>A subscriber over TLS that trusts the CA in <paramref name="caFile"/>.</summary>
    public static async Task<TopicRecorder> StartTlsAsync(Uri broker, string caFile, params string[] filters)
    {
        var recorder = new TopicRecorder(broker, null, filters.Length == 0 ? ["#"] : filters, caFile);
        await recorder.ConnectAsync();
        return recorder;
    }

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Connects (again) and subscribes, retrying while the broker is still coming up.</summary>
    public async Task ConnectAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            try
            {
                await _client.ConnectAsync(_options, timeout.Token);
                break;
            }
            catch (Exception) when (!timeout.IsCancellationRequested)
            {
                // The broker is still starting: polling it is the only way to know when it listens.
                await Task.Delay(50, timeout.Token);
            }
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _filters)
        {
            subscribe.WithTopicFilter(filter);
        }

        await _client.SubscribeAsync(subscribe.Build(), timeout.Token);
    }

    /// <summary>The first message at or after <paramref name="from"/> that matches; fails after 10 s.</summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, int from = 0)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            Task arrived;
            lock (_messages)
            {
                var found = _messages.Skip(from).FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = string.Join("\n", Messages.Skip(from).Select(m => $"{m.Topic} {(m.Retain ? "(retained) " : string.Empty)}{m.Payload}"));
                throw new TimeoutException($"No matching message within {Patience.TotalSeconds} s; received:\n{seen}");
            }
        }
    }

    public Task<ReceivedMessage> WaitForAsync(string topic, int from = 0) => WaitForAsync(m => m.Topic == topic, from);

    /// <summary>
    /// Publishes a marker to itself and waits for it: the broker delivers in order, so everything it had queued
    /// for this subscriber (the retained messages after a subscribe, say) has arrived by then.
    /// </summary>
    public async Task<int> DrainAsync()
    {
        var marker = $"test/marker/{Guid.NewGuid():N}";
        await _client.SubscribeAsync(marker);
        await _client.PublishStringAsync(marker, "marker");
        return (await WaitForAsync(marker)).Index;
    }

    public Task PublishAsync(string topic, string payload, bool retain = false) =>
        _client.PublishStringAsync(topic, payload, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, retain);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
