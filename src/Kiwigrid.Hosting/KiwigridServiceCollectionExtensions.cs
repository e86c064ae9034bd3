using Kiwigrid.Hosting.Sources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiwigrid.Hosting;

/// <summary>
/// Adds a SOLARWATT/Kiwigrid site to a host: the watch (a hosted service), the feed the endpoints read, MQTT when a
/// broker is set. Map the endpoints with <see cref="KiwigridEndpointRouteBuilderExtensions"/>.
/// </summary>
public static class KiwigridServiceCollectionExtensions
{
    /// <summary>Adds the site with options bound from <paramref name="configuration"/> (the <c>Kiwigrid</c> section, or the section itself).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration, or its <see cref="KiwigridOptions.SectionName"/> section.</param>
    public static KiwigridBuilder AddKiwigrid(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(KiwigridOptions.SectionName) is { } named && named.Exists() ? named : configuration;
        var builder = services.AddKiwigrid();
        services.Configure<KiwigridOptions>(section);
        return builder;
    }

    /// <summary>Adds the site with options set in code.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the options; null leaves them to configuration bound elsewhere.</param>
    public static KiwigridBuilder AddKiwigrid(this IServiceCollection services, Action<KiwigridOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<KiwigridOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => SiteSourceFactory.Create(
            sp.GetRequiredService<IOptions<KiwigridOptions>>().Value.Source,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));

        // A wrong setting does not throw here: the watch says it in one log line and stops the host (SiteWatchService).
        services.TryAddSingleton(KiwigridSite.Create);
        services.AddHostedService<SiteWatchService>();
        services.AddTransient<IStartupFilter, KiwigridStartupFilter>();
        return new KiwigridBuilder(services);
    }
}
