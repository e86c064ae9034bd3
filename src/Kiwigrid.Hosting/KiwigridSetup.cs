using Kiwigrid.Hosting.Classic;
using Kiwigrid.Hosting.Mqtt;

namespace Kiwigrid.Hosting;

/// <summary>
/// <see cref="KiwigridOptions"/> checked and turned into what the endpoints, the watch and MQTT use; the same rules as
/// <c>kiwigrid serve</c>'s flags, named as the configuration keys.
/// </summary>
internal sealed record KiwigridSetup(
    TimeSpan Interval,
    AccessTokens? Tokens,
    AllowedOrigins? CrossOrigin,
    ClassicApiOptions? ClassicApi,
    bool AllowControl,
    MqttPublisherOptions? Mqtt)
{
    private static readonly ServeSettingNames Keys =
        new("Kiwigrid:AllowControl", "Kiwigrid:AllowedOrigins", "Kiwigrid:ClassicApi", "Kiwigrid:ClassicApiLan", "Kiwigrid:AccessTokens");

    private static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(5);

    /// <exception cref="KiwigridSetupException">A value is wrong or two do not go together.</exception>
    public static KiwigridSetup From(KiwigridOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Interval < ShortestInterval || options.Interval > TimeSpan.FromDays(1))
        {
            throw new KiwigridSetupException($"Kiwigrid:Interval must be from 00:00:05 to 1.00:00:00, not {options.Interval}.");
        }

        var tokens = options.AccessTokens.Count == 0 ? null : AccessTokens.Parse([.. options.AccessTokens.Select(t => t.Trim())], Keys.AccessToken);
        var origins = AllowedOrigins.Parse([.. options.AllowedOrigins], Keys.AllowedOrigins);
        ServeSettingRules.Check(Keys, tokens is not null, options.AllowControl, origins, options.ClassicApi, options.ClassicApiLan);

        return new KiwigridSetup(
            options.Interval,
            tokens,
            origins,
            options.ClassicApi ? new ClassicApiOptions(options.ClassicApiLan) : null,
            options.AllowControl,
            Publisher(options.Mqtt));
    }

    private static MqttPublisherOptions? Publisher(KiwigridMqttOptions mqtt)
    {
        if (mqtt.Broker is null)
        {
            return null;
        }

        var publisher = new MqttPublisherOptions(mqtt.Broker)
        {
            TopicPrefix = mqtt.TopicPrefix,
            DiscoveryPrefix = mqtt.DiscoveryPrefix,
            CaFile = mqtt.CaFile,
            GetEnvironmentVariable = name => name switch
            {
                MqttPublisherOptions.UserNameVariable => mqtt.UserName ?? Environment.GetEnvironmentVariable(name),
                MqttPublisherOptions.PasswordVariable => mqtt.Password ?? Environment.GetEnvironmentVariable(name),
                _ => Environment.GetEnvironmentVariable(name),
            },
        };
        publisher.Validate();
        return publisher;
    }
}
