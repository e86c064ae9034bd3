namespace Kiwigrid.Hosting;

/// <summary>
/// Everything a Kiwigrid host does, bound from configuration section <see cref="SectionName"/> by
/// <see cref="KiwigridServiceCollectionExtensions.AddKiwigrid(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>
/// and checked when the host starts: a wrong value stops it with one sentence saying which and why.
/// </summary>
public sealed class KiwigridOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "Kiwigrid";

    /// <summary>Where the site is read.</summary>
    public KiwigridSourceOptions Source { get; set; } = new();

    /// <summary>How often the site is read; from 5 s to a day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The tokens every request must carry (<c>Authorization: Bearer</c>, or <c>?token=</c> on the dashboard's URL),
    /// each a bare token or <c>name:token</c>; none means the endpoints are open to whoever reaches them.
    /// </summary>
    public IList<string> AccessTokens { get; } = [];

    /// <summary>Websites whose pages may read the JSON API in a browser (CORS), or <c>*</c> for any (needs a token).</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Let holders of an access token change the site's settings; needs an access token. Off by default.</summary>
    public bool AllowControl { get; set; }

    /// <summary>Also answer as a classic Energy Manager and as a Manager flex, read-only, for this machine only.</summary>
    public bool ClassicApi { get; set; }

    /// <summary>With <see cref="ClassicApi"/>: let any machine on the network read those two paths without a token.</summary>
    public bool ClassicApiLan { get; set; }

    /// <summary>Publishing to MQTT for Home Assistant; off unless a broker is set.</summary>
    public KiwigridMqttOptions Mqtt { get; set; } = new();
}
