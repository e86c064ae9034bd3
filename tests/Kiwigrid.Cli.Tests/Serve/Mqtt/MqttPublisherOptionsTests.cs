using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Mqtt;
using Kiwigrid.Client.Devices;
using System.Text.Json;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

public sealed class MqttPublisherOptionsTests
{
    [Theory]
    [InlineData("http://user:s3cret@broker.lan:1883", "mqtt://host[:port]")]
    [InlineData("mqtt://user:s3cret@broker.lan:1883/topic", "takes no path")]
    public void A_broker_URL_that_cannot_work_is_refused_in_one_sentence_without_its_password(string url, string expected)
    {
        var error = Assert.Throws<KiwigridSetupException>(() => new MqttPublisherOptions(new Uri(url)).Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kiwigrid/#")]
    [InlineData("home/+/x")]
    [InlineData("/kiwigrid")]
    [InlineData("")]
    public void A_topic_prefix_with_wildcards_or_empty_levels_is_refused(string prefix)
    {
        var error = Assert.Throws<KiwigridSetupException>(() => new MqttPublisherOptions(new Uri("mqtt://127.0.0.1")) { TopicPrefix = prefix }.Validate());
        Assert.Contains("without wildcards", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_come_from_the_URL_first_then_from_the_environment_and_never_show_in_ToString()
    {
        var environment = new Dictionary<string, string>
        {
            [MqttPublisherOptions.UserNameVariable] = "env-user",
            [MqttPublisherOptions.PasswordVariable] = "env-pass",
        };
        var fromUrl = new MqttPublisherOptions(new Uri("mqtt://ha%40home:p%3Ass@broker.lan")) { GetEnvironmentVariable = environment.GetValueOrDefault };
        Assert.Equal(("ha@home", "p:ss"), fromUrl.ResolveCredentials());
        Assert.Equal(1883, fromUrl.Port);
        Assert.DoesNotContain("p%3Ass", fromUrl.ToString(), StringComparison.Ordinal);
        Assert.Contains("mqtt://broker.lan:1883", fromUrl.ToString(), StringComparison.Ordinal);

        var fromEnvironment = new MqttPublisherOptions(new Uri("mqtts://broker.lan")) { GetEnvironmentVariable = environment.GetValueOrDefault };
        Assert.Equal(("env-user", "env-pass"), fromEnvironment.ResolveCredentials());
        Assert.Equal((true, 8883), (fromEnvironment.UseTls, fromEnvironment.Port));

        var anonymous = new MqttPublisherOptions(new Uri("mqtt://broker.lan:1884")) { GetEnvironmentVariable = _ => null };
        Assert.Equal((null, null), anonymous.ResolveCredentials());
        Assert.Equal(1884, anonymous.Port);
    }

    [Fact]
    public void The_node_is_named_after_the_Energy_Manager_serial_else_the_site_s_serial_else_the_site_reduced_to_safe_characters()
    {
        var energyManager = Device("urn:em", DeviceClassNames.EnergyManager, """{"IdSerialNumber":"ERC05-000012345"}""");
        var site = Device("urn:kiwigrid:location:ERC05-000012345:0", DeviceClassNames.Location, "{}");
        Assert.Equal("erc05-000012345", MqttTopics.NodeIdFor([site, energyManager]));
        // Today's cloud lists no Energy Manager: the serial in the Location's guid keeps the entities of the 2018 cloud.
        Assert.Equal("erc05-000012345", MqttTopics.NodeIdFor([site]));
        Assert.Equal("urn_site_7", MqttTopics.NodeIdFor([Device("urn:site:7", DeviceClassNames.Location, "{}")]));
        Assert.Null(MqttTopics.NodeIdFor([]));
        Assert.Throws<KiwigridSetupException>(() => new MqttPublisherOptions(new Uri("mqtt://127.0.0.1")) { NodeId = "My Home" }.Validate());
    }

    private static Device Device(string guid, string deviceClass, string tags)
    {
        using var document = JsonDocument.Parse(tags);
        return new Device(
            guid,
            [DeviceClassNames.Device, deviceClass],
            document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => new TagValue(p.Name, p.Value.Clone())));
    }
}
