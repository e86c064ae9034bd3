using Kiwigrid.Emulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Emulator.Tests.Support;

/// <summary>Starts an emulator on an ephemeral loopback port serving a <see cref="TestSite"/>.</summary>
internal static class EmulatorRun
{
    public static Task<KiwigridEmulator> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null, FakeTimeProvider? time = null)
    {
        var options = EmulatorOptions.Default with { SiteFactory = clock => new TestSite(clock) };
        if (time is not null)
        {
            options = options with { TimeProvider = time };
        }

        return KiwigridEmulator.StartAsync(configure is null ? options : configure(options));
    }

    /// <summary>A fake clock starting at a fixed, realistic instant.</summary>
    public static FakeTimeProvider FakeClock() => new(new DateTimeOffset(2024, 6, 21, 10, 0, 0, TimeSpan.Zero));

    public static HttpClient HttpClient(KiwigridEmulator emulator) => HttpClient(emulator.BaseUri);

    /// <summary>A client on <paramref name="origin"/> that neither follows redirects nor keeps cookies.</summary>
    public static HttpClient HttpClient(Uri origin) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = origin };
}
