using Kiwigrid.Client.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kiwigrid.Hosting;

/// <summary>What <see cref="KiwigridServiceCollectionExtensions.AddKiwigrid(IServiceCollection, Action{KiwigridOptions}?)"/> returns, to go on setting up the host.</summary>
public sealed class KiwigridBuilder
{
    internal KiwigridBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Reads the site from a source made in code (a client with a handler from <c>IHttpClientFactory</c>, a source of
    /// your own) instead of the one <see cref="KiwigridOptions.Source"/> describes. The host disposes it when it stops.
    /// </summary>
    /// <param name="create">Makes the source; called once, when the host first needs it.</param>
    public KiwigridBuilder UseSiteSource(Func<IServiceProvider, ISiteSource> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        Services.RemoveAll<ISiteSource>();
        Services.AddSingleton(create);
        return this;
    }
}
