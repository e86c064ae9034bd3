using Kiwigrid.Client;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>An emulator on loopback with a <see cref="FaultProxy"/> in front and options pointing a client at the proxy.</summary>
internal sealed class FaultRun : IAsyncDisposable
{
    /// <summary>Every step of a fault test must end within this; a hang fails the test instead of blocking the suite.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private FaultRun(KiwigridEmulator emulator, FaultProxy proxy)
    {
        Emulator = emulator;
        Proxy = proxy;
    }

    public KiwigridEmulator Emulator { get; }

    public FaultProxy Proxy { get; }

    /// <summary>The client's options: through the proxy, with short request timeouts.</summary>
    public KiwigridClientOptions ClientOptions => KiwigridClientOptions.ForServer(Proxy.Uri) with { RequestTimeout = TimeSpan.FromSeconds(2) };

    public static async Task<FaultRun> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var options = EmulatorOptions.Default;
        var emulator = await KiwigridEmulator.StartAsync(configure is null ? options : configure(options)).WaitAsync(Bound);
        return new FaultRun(emulator, new FaultProxy(emulator.BaseUri));
    }

    public Task<KiwigridClient> ConnectAsync(KiwigridClientOptions? options = null) =>
        KiwigridClient.ConnectAsync(Emulator.UserName, Emulator.Password, options ?? ClientOptions).WaitAsync(Bound);

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
