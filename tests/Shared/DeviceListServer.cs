using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Testing;

/// <summary>
/// A loopback stand-in for a local Energy Manager: serves <see cref="Body"/> at <c>/rest/kiwigrid/wizard/devices</c>
/// as it is (byte-order mark and all), drops the connection while <see cref="Failing"/>, or gives the next requests
/// the one-off answers queued in <see cref="NextAnswers"/>.
/// </summary>
internal sealed class DeviceListServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private DeviceListServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public byte[] Body { get; set; } = [];

    public bool Failing { get; set; }

    /// <summary>How many requests for the device list arrived.</summary>
    public int Requests => _requests;

    /// <summary>Answers for the next requests, one each (status and body), before <see cref="Body"/> is served again.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(int Status, byte[] Body)> NextAnswers { get; } = new();

    public static async Task<DeviceListServer> StartAsync(byte[] body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        DeviceListServer? server = null;
        app.MapGet("/rest/kiwigrid/wizard/devices", async context =>
        {
            Interlocked.Increment(ref server!._requests);
            if (server!.Failing)
            {
                context.Abort();
                return;
            }

            if (server.NextAnswers.TryDequeue(out var answer))
            {
                context.Response.StatusCode = answer.Status;
                await context.Response.Body.WriteAsync(answer.Body);
                return;
            }

            // Some firmware sends JSON as text/plain; the client must not care.
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(server.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new DeviceListServer(app, new Uri(address)) { Body = body };
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
