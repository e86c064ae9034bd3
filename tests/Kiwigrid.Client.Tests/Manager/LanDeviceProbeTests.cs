using Kiwigrid.Client.Local;
using Kiwigrid.Client.Tests.Local;
using Kiwigrid.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kiwigrid.Client.Tests.Manager;

/// <summary>What answers at a LAN address: a classic Energy Manager, a Manager flex/rail, or something else.</summary>
public sealed class LanDeviceProbeTests
{
    [Fact]
    public async Task A_classic_energy_manager_is_known_by_its_device_list_in_one_request()
    {
        var requests = 0;
        var list = await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-1.json"));
        await using var server = await LoopbackHttpServer.StartAsync(app => app.Use(async (HttpContext context, RequestDelegate _) =>
        {
            Interlocked.Increment(ref requests);
            if (context.Request.Path == "/rest/kiwigrid/wizard/devices")
            {
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(list);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        }));

        Assert.Equal(LanDeviceKind.EnergyManager, await LanDeviceProbe.DetectAsync(server.BaseUri));
        Assert.Equal(1, requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_manager_is_known_by_its_sign_in_page_or_refusal(bool oldFirmware)
    {
        await using var manager = await FakeManager.StartAsync(oldFirmware);

        Assert.Equal(LanDeviceKind.Manager, await LanDeviceProbe.DetectAsync(manager.BaseUri));
        Assert.Equal(0, manager.Logins);
    }

    [Fact]
    public async Task Anything_else_is_not_a_solarwatt_device_and_says_what_it_answered()
    {
        await using var server = await LoopbackHttpServer.StartAsync(app => app.Use(async (HttpContext context, RequestDelegate _) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("router admin");
        }));

        var error = await Assert.ThrowsAsync<KiwigridProtocolException>(() => LanDeviceProbe.DetectAsync(server.BaseUri));

        Assert.Equal(
            $"The device at {server.BaseUri.AbsoluteUri.TrimEnd('/')} is not a SOLARWATT device kiwigrid knows: /rest/kiwigrid/wizard/devices answered HTTP 200 (text/plain) and / answered HTTP 200 (text/plain); check the address.",
            error.Message);
    }

    [Fact]
    public async Task A_device_list_answering_a_server_error_is_a_busy_device_not_a_wrong_address()
    {
        await using var server = await LoopbackHttpServer.StartAsync(app => app.Use(async (HttpContext context, RequestDelegate _) =>
        {
            context.Response.StatusCode = context.Request.Path == "/" ? 404 : 503;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("busy");
        }));

        var error = await Assert.ThrowsAsync<KiwigridServiceException>(() => LanDeviceProbe.DetectAsync(server.BaseUri));

        Assert.Equal(503, error.Code);
        Assert.Equal(
            $"The device at {server.BaseUri.AbsoluteUri.TrimEnd('/')} answered /rest/kiwigrid/wizard/devices with HTTP 503 (text/plain) and / with HTTP 404 (text/plain): it is busy or starting.",
            error.Message);
    }

    [Fact]
    public async Task Nothing_listening_is_a_connection_error()
    {
        var error = await Assert.ThrowsAsync<KiwigridConnectionException>(() => LanDeviceProbe.DetectAsync(LoopbackHttpServer.ClosedPort()));

        Assert.StartsWith("Cannot reach the device at http://127.0.0.1:", error.Message, StringComparison.Ordinal);
    }
}
