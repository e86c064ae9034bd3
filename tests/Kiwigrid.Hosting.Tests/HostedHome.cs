using System.Text.Json;
using Kiwigrid.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Hosting.Tests;

/// <summary>An ASP.NET Core host of a test's own with AddKiwigrid and both Map calls, reading an emulator on loopback.</summary>
internal sealed class HostedHome : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RecordingLoggerProvider _log;

    private HostedHome(WebApplication app, KiwigridEmulator emulator, Uri address, RecordingLoggerProvider log)
    {
        _app = app;
        _log = log;
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
    }

    public KiwigridEmulator Emulator { get; }

    public HttpClient Http { get; }

    /// <summary>Every line the host logged so far.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Log => _log.Lines;

    /// <summary>Fires when the host begins to stop.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Today's cloud on the emulator, with the demo account; <paramref name="configure"/> changes the rest.</summary>
    public static async Task<HostedHome> StartAsync(Action<KiwigridOptions>? configure = null, KiwigridEmulator? emulator = null)
    {
        emulator ??= await KiwigridEmulator.StartAsync(EmulatorOptions.Default);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var log = new RecordingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Services.AddKiwigrid(options =>
        {
            options.Source.Url = emulator.BaseUri;
            options.Source.UserName = emulator.UserName;
            options.Source.Password = emulator.Password;
            options.Interval = TimeSpan.FromSeconds(5);
            configure?.Invoke(options);
        });
        var app = builder.Build();
        app.MapKiwigridDashboard();
        app.MapKiwigridApi();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await emulator.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HostedHome(app, emulator, new Uri(address + "/"), log);
    }

    /// <summary>The JSON at <paramref name="path"/> once the host has read the site (503 until then).</summary>
    public async Task<JsonElement> WaitForJsonAsync(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await Http.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} still answers {(int)response.StatusCode} after 30 s");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
