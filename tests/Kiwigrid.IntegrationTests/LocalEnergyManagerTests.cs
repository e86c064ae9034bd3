using System.Text.Json.Nodes;

using Kiwigrid.Client.Local;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>The LAN path (<c>/rest/kiwigrid/wizard/devices</c>) shows the same home as the cloud path.</summary>
public class LocalEnergyManagerTests
{
    [Fact]
    public async Task The_local_Energy_Manager_gives_the_same_devices_and_energy_flow_as_the_cloud()
    {
        await using var home = await EmulatedHome.StartAsync();
        home.Clock.Advance(TimeSpan.FromMinutes(42));
        await using var client = await home.ConnectAsync();
        using var local = new LocalEnergyManagerClient(home.Emulator.BaseUri, home.ClientOptions);

        var cloudDevices = await client.GetDevicesAsync();
        var localDevices = await local.GetDevicesAsync();
        var cloudFlow = await client.GetEnergyFlowAsync();
        var localFlow = await local.GetEnergyFlowAsync();

        Assert.Equal(cloudDevices.Select(d => d.Guid), localDevices.Select(d => d.Guid));
        foreach (var (cloud, lan) in cloudDevices.Zip(localDevices))
        {
            Assert.Equal(cloud.DeviceClasses, lan.DeviceClasses);
            Assert.Equal(cloud.Tags.Keys.Order(StringComparer.Ordinal), lan.Tags.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, tag) in lan.Tags)
            {
                Assert.True(
                    JsonNode.DeepEquals(JsonNode.Parse(cloud.Tags[name].Value.GetRawText()), JsonNode.Parse(tag.Value.GetRawText())),
                    $"{lan.Guid} {name}: cloud {cloud.Tags[name]}, local {tag}");

                // The LAN shape carries no versions or timestamps.
                Assert.Null(tag.Oca);
                Assert.Null(tag.Timestamp);
            }
        }

        Assert.Equal(cloudFlow, localFlow);
        Assert.True(localFlow.PvProduction!.Value.Value > 0);
    }
}
