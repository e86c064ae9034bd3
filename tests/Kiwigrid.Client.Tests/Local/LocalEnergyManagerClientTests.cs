using System.Text;

using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Local;
using Kiwigrid.Client.Tests.Devices;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kiwigrid.Client.Tests.Local;

public class LocalEnergyManagerClientTests
{
    private static Task<LoopbackHttpServer> Serve(byte[] body, string contentType, int status = 200) =>
        LoopbackHttpServer.StartAsync(app => app.MapGet("/rest/kiwigrid/wizard/devices", () => status == 200
            ? Results.Bytes(body, contentType)
            : Results.Text(Encoding.UTF8.GetString(body), contentType, statusCode: status)));

    [Theory]
    [InlineData("solarwatt-em-1.json", 11)]
    [InlineData("solarwatt-em-2.json", 14)]
    [InlineData("solarwatt-em-3.json", 18)]
    [InlineData("solarwatt-em-batteryflex.json", 9)]
    public async Task Each_real_dump_is_read_over_http(string file, int devices)
    {
        await using var server = await Serve(Fixtures.Bytes(file), "application/json");
        using var client = new LocalEnergyManagerClient(server.BaseUri);

        var list = await client.GetDevicesAsync();
        var flow = await client.GetEnergyFlowAsync();

        Assert.Equal(devices, list.Count);
        Assert.Single(list, d => d.Kind == DeviceKind.Location);
        Assert.Equal(Fixtures.LocationValue(file, "PowerProduced"), flow.PvProduction!.Value.Value);
    }

    [Fact]
    public async Task A_byte_order_mark_and_a_wrong_content_type_are_tolerated()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Fixtures.Bytes("solarwatt-em-2.json")).ToArray();
        await using var server = await Serve(body, "text/html; charset=ISO-8859-1");
        using var client = new LocalEnergyManagerClient(server.BaseUri);

        var devices = await client.GetDevicesAsync();

        Assert.Equal(14, devices.Count);
        Assert.Equal("Kombinierter Smart Plug", devices.Single(d => d.Kind == DeviceKind.Plug).Name);
    }

    [Fact]
    public async Task Bad_json_is_a_protocol_error()
    {
        await using var server = await Serve("{\"result\":{\"items\":[{\"guid\":"u8.ToArray(), "application/json");
        using var client = new LocalEnergyManagerClient(server.BaseUri);

        await Assert.ThrowsAsync<KiwigridProtocolException>(() => client.GetDevicesAsync());
    }

    [Theory]
    [InlineData(503)]
    [InlineData(425)]
    public async Task A_server_error_or_a_request_to_wait_is_a_service_error_naming_the_status(int status)
    {
        await using var server = await Serve("oops"u8.ToArray(), "text/plain", status: status);
        using var client = new LocalEnergyManagerClient(server.BaseUri);

        var ex = await Assert.ThrowsAsync<KiwigridServiceException>(() => client.GetDevicesAsync());

        Assert.Equal(status, ex.Code);
        Assert.Contains($"answered HTTP {status}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_error_status_is_a_protocol_error_naming_the_status()
    {
        await using var server = await Serve("no such page"u8.ToArray(), "text/plain", status: 404);
        using var client = new LocalEnergyManagerClient(server.BaseUri);

        var ex = await Assert.ThrowsAsync<KiwigridProtocolException>(() => client.GetDevicesAsync());

        Assert.Contains("answered HTTP 404", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_energy_manager_is_a_connection_error()
    {
        using var client = new LocalEnergyManagerClient(LoopbackHttpServer.ClosedPort());

        var ex = await Assert.ThrowsAsync<KiwigridConnectionException>(() => client.GetDevicesAsync());

        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_http_addresses_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => new LocalEnergyManagerClient(new Uri("ftp://192.168.1.5")));
    }
}
