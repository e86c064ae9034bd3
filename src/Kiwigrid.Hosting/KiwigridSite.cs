using Kiwigrid.Client.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiwigrid.Hosting;

/// <summary>
/// The site a host serves: its source, the feed every endpoint reads, and, when the source has settings, the control
/// that reads and (if allowed) changes them. One per host. A setting that is wrong leaves a site with only
/// <see cref="SetupError"/>: the endpoints still map, the watch logs the sentence and stops the host.
/// </summary>
internal sealed class KiwigridSite
{
    private KiwigridSite(SiteFeed feed, KiwigridSetup? setup, ISiteSource? source, SiteControl? control, string? setupError)
    {
        Feed = feed;
        Setup = setup;
        Source = source;
        Control = control;
        SetupError = setupError;
        if (control is not null)
        {
            feed.Follow(control);
        }
    }

    public SiteFeed Feed { get; }

    /// <summary>The checked settings; null when <see cref="SetupError"/> says what is wrong.</summary>
    public KiwigridSetup? Setup { get; }

    public ISiteSource? Source { get; }

    public SiteControl? Control { get; }

    /// <summary>What is wrong with the settings, in one sentence; null when nothing is.</summary>
    public string? SetupError { get; }

    public static KiwigridSite Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KiwigridOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        try
        {
            var setup = KiwigridSetup.From(options);
            var source = services.GetRequiredService<ISiteSource>();
            var control = source.Capabilities.HasFlag(SiteCapabilities.Settings)
                ? new SiteControl(source, setup.AllowControl, timeProvider, services.GetRequiredService<ILoggerFactory>().CreateLogger<SiteControl>())
                : null;
            return new KiwigridSite(new SiteFeed(setup.Interval, timeProvider), setup, source, control, setupError: null);
        }
        catch (KiwigridSetupException e)
        {
            return new KiwigridSite(new SiteFeed(new KiwigridOptions().Interval, timeProvider), setup: null, source: null, control: null, e.Message);
        }
    }
}
