using System.Net;
using System.Text.Json;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting;
using Kiwigrid.Hosting.Classic;
using Kiwigrid.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Classic;

/// <summary>
/// Who may read the classic paths without a token. The tests cannot open a socket from another machine, so the
/// decision is tested on addresses and the refusal on the real middleware with a LAN client's address; a real
/// loopback request is in <see cref="ClassicDeviceListTests"/>.
/// </summary>
public sealed class ClassicApiAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("127.0.0.2", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("::ffff:127.0.0.1", false, true)]
    [InlineData("192.168.178.20", false, false)]
    [InlineData("::ffff:192.168.178.20", false, false)]
    [InlineData("fd00::20", false, false)]
    [InlineData("192.168.178.20", true, true)]
    [InlineData("fd00::20", true, true)]
    public void Only_this_machine_may_read_unless_the_network_was_let_in(string client, bool openToLan, bool allowed) =>
        Assert.Equal(allowed, ClassicApiAccess.Allows(IPAddress.Parse(client), new ClassicApiOptions(openToLan)));

    [Fact]
    public void A_client_of_unknown_address_is_refused() =>
        Assert.False(ClassicApiAccess.Allows(null, new ClassicApiOptions(OpenToLan: false)));

    [Theory]
    [InlineData(ClassicApiEndpoints.DeviceListPath)]
    [InlineData(ClassicApiEndpoints.EnergyOverviewPath)]
    public async Task A_lan_client_without_the_flag_gets_403_and_one_sentence_saying_how_to_open_it(string path)
    {
        var (status, body) = await RequestAsync(path, IPAddress.Parse("192.168.178.20"), new ClassicApiOptions(OpenToLan: false));

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        using var error = JsonDocument.Parse(body);
        Assert.Equal(ClassicApiAccess.RefusedMessage, error.RootElement.GetProperty("message").GetString());
        Assert.Contains("--classic-api-lan", ClassicApiAccess.RefusedMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lan_client_with_the_flag_reads_the_device_list()
    {
        var (status, body) = await RequestAsync(ClassicApiEndpoints.DeviceListPath, IPAddress.Parse("192.168.178.20"), new ClassicApiOptions(OpenToLan: true));

        Assert.Equal(StatusCodes.Status200OK, status);
        using var list = JsonDocument.Parse(body);
        Assert.Equal(9, list.RootElement.GetProperty("result").GetProperty("items").GetArrayLength());
    }

    /// <summary>Runs one request from <paramref name="client"/> through the classic middleware over one real reading.</summary>
    private static async Task<(int Status, string Body)> RequestAsync(string path, IPAddress client, ClassicApiOptions options)
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        var feed = new SiteFeed(TimeSpan.FromSeconds(10), clock);
        var devices = DeviceParser.ParseDeviceList(await File.ReadAllBytesAsync(RepoPaths.Fixture("wizard-devices", "solarwatt-em-batteryflex.json")));
        feed.Apply(new DeviceSnapshot(clock.GetUtcNow(), devices, [], IsFirst: true, AfterReconnect: false));
        await using var services = new ServiceCollection().BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseClassicApi(options, feed);
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status418ImATeapot;
            return Task.CompletedTask;
        });
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = client;
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        using var body = new MemoryStream();
        context.Response.Body = body;

        await app.Build()(context);

        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
