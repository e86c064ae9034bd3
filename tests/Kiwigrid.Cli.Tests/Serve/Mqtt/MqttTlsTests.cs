using System.Net;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Mqtt;
using Kiwigrid.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>
/// <c>mqtts://</c> against a real Mosquitto speaking only TLS, with a CA made for the test as a home user makes one
/// for a self-signed broker: trusted through <c>--mqtt-ca-file</c>, refused (loudly, and retried) without it.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Broker)]
public sealed class MqttTlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiwigrid-mqtt-ca-").FullName;
    private readonly ThrowawayCertificateAuthority _authority;

    public MqttTlsTests() => _authority = new ThrowawayCertificateAuthority(_directory, "home-ca");

    [Fact]
    public async Task Publishes_over_TLS_to_a_broker_signed_by_the_CA_in_the_CA_file()
    {
        await using var broker = await StartBrokerAsync([IPAddress.Loopback], []);
        await using var recorder = await TopicRecorder.StartTlsAsync(broker.Uri, _authority.CertificateFile, "kiwigrid/#", "homeassistant/#");
        await using var home = await PublishedHome.StartAsync();
        var logs = new RecordingLoggers();
        var options = new MqttPublisherOptions(broker.Uri) { CaFile = _authority.CertificateFile };
        await using var publisher = await MqttPublisher.StartAsync(options, logs, new FakeTimeProvider(), CancellationToken.None);

        var snapshot = await home.SnapshotAsync();
        await publisher.HandleAsync(snapshot, CancellationToken.None);

        var state = await recorder.WaitForAsync(PublishedHome.FlowState);
        Assert.Equal(Hosting.Views.DisplayPrecision.Tenth(snapshot.Devices.Single(d => d.Kind == Client.Devices.DeviceKind.Location).GetDouble(Client.Devices.TagNames.PowerProduced)!.Value), state.Json.GetProperty("pv_power").GetDouble());
        await recorder.WaitForAsync(PublishedHome.Config("energy_flow_pv_power"));
        await recorder.WaitForAsync(m => m.Topic == PublishedHome.Status && m.Payload == "online");
        var connected = await logs.WaitForAsync(line => line.StartsWith("Information: Publishing to MQTT broker", StringComparison.Ordinal));
        Assert.Contains($"mqtts://127.0.0.1:{broker.Port}", connected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_broker_whose_CA_nobody_trusts_in_one_logged_sentence_and_keeps_retrying()
    {
        await using var broker = await StartBrokerAsync([IPAddress.Loopback], []);
        await using var recorder = await TopicRecorder.StartTlsAsync(broker.Uri, _authority.CertificateFile, "kiwigrid/#");

        // No CA file: the system store does not know the home CA.
        var clock = new FakeTimeProvider();
        var logs = new RecordingLoggers();
        await using (await MqttPublisher.StartAsync(new MqttPublisherOptions(broker.Uri) { NodeId = "garage", ReconnectJitter = () => 1 }, logs, clock, CancellationToken.None))
        {
            var first = Assert.Single(logs.Lines);
            Assert.Equal(
                $"Error: Refused MQTT broker mqtts://127.0.0.1:{broker.Port} because its certificate is not signed by a CA this system trusts and no --mqtt-ca-file was given; trying again in 1 s (attempt 1)",
                first.TrimEnd());
            await logs.WaitAdvancingAsync(clock, TimeSpan.FromSeconds(1), line => line.Contains("no --mqtt-ca-file was given; trying again in 2 s (attempt 2)", StringComparison.Ordinal));
        }

        // A CA file naming some other CA changes nothing.
        using var stranger = new ThrowawayCertificateAuthority(_directory, "other-ca");
        var otherLogs = new RecordingLoggers();
        await using (await MqttPublisher.StartAsync(new MqttPublisherOptions(broker.Uri) { NodeId = "garage", CaFile = stranger.CertificateFile }, otherLogs, new FakeTimeProvider(), CancellationToken.None))
        {
            Assert.Matches(@"because its certificate is signed neither by a CA this system trusts nor by one in --mqtt-ca-file; trying again in [0-9.]+ s \(attempt 1\)", Assert.Single(otherLogs.Lines));
        }

        var drained = await recorder.DrainAsync();
        Assert.DoesNotContain(recorder.Messages.Take(drained), m => m.Topic.StartsWith("kiwigrid/garage/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refuses_a_certificate_from_the_trusted_CA_that_is_issued_for_another_host()
    {
        await using var broker = await StartBrokerAsync([], ["broker.example"]);
        var logs = new RecordingLoggers();
        var options = new MqttPublisherOptions(broker.Uri) { NodeId = "garage", CaFile = _authority.CertificateFile };
        await using (await MqttPublisher.StartAsync(options, logs, new FakeTimeProvider(), CancellationToken.None))
        {
            Assert.Matches(@"because its certificate is not issued for 127\.0\.0\.1; trying again in [0-9.]+ s \(attempt 1\)", Assert.Single(logs.Lines));
        }
    }

    [Fact]
    public void A_CA_file_that_cannot_work_is_refused_in_one_sentence_naming_it()
    {
        var missing = Path.Combine(_directory, "missing.pem");
        var error = Assert.Throws<KiwigridSetupException>(() => new MqttPublisherOptions(new Uri("mqtts://127.0.0.1")) { CaFile = missing }.Validate());
        Assert.StartsWith($"The MQTT CA file {missing} cannot be read as PEM certificates:", error.Message, StringComparison.Ordinal);

        var notPem = Path.Combine(_directory, "not.pem");
        File.WriteAllText(notPem, "just text");
        error = Assert.Throws<KiwigridSetupException>(() => new MqttPublisherOptions(new Uri("mqtts://127.0.0.1")) { CaFile = notPem }.Validate());
        Assert.StartsWith($"The MQTT CA file {notPem} holds no PEM certificate", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<KiwigridSetupException>(() => new MqttPublisherOptions(new Uri("mqtt://127.0.0.1")) { CaFile = _authority.CertificateFile }.Validate());
        Assert.StartsWith("An MQTT CA file only applies to an mqtts:// broker, not mqtt://127.0.0.1:1883.", error.Message, StringComparison.Ordinal);

        new MqttPublisherOptions(new Uri("mqtts://127.0.0.1")) { CaFile = _authority.CertificateFile }.Validate();
    }

    public void Dispose()
    {
        _authority.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<MosquittoBroker> StartBrokerAsync(IPAddress[] addresses, string[] dnsNames)
    {
        var (certificate, key) = _authority.IssueServerCertificate("broker", addresses, dnsNames);
        return MosquittoBroker.StartAsync(tls: new BrokerTls(_authority.CertificateFile, certificate, key));
    }
}
