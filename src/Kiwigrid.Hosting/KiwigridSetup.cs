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
    /// <summary>Why control without a token is refused.</summary>
    public const string ControlNeedsToken =
        "Control needs an access token, also on this machine alone: set Kiwigrid:AccessTokens (or leave Kiwigrid:AllowControl off).";

    private static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(5);

    /// <exception cref="KiwigridSetupException">A value is wrong or two do not go together.</exception>
    public static KiwigridSetup From(KiwigridOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Interval < ShortestInterval || options.Interval > TimeSpan.FromDays(1))
        {
            throw new KiwigridSetupException($"Kiwigrid:Interval must be from 00:00:05 to 1.00:00:00, not {options.Interval}.");
        }

        var tokens = options.AccessTokens.Count == 0 ? null : AccessTokens.Parse([.. options.AccessTokens.Select(t => t.Trim())], "Kiwigrid:AccessTokens");
        if (tokens is null && options.AllowControl)
        {
            throw new KiwigridSetupException(ControlNeedsToken);
        }

        var origins = AllowedOrigins.Parse([.. options.AllowedOrigins], "Kiwigrid:AllowedOrigins");
        if (tokens is null && origins is { AnyOrigin: true })
        {
            throw new KiwigridSetupException("Kiwigrid:AllowedOrigins * lets every website you visit read this server; name the origins, or set Kiwigrid:AccessTokens.");
        }

        if (options.ClassicApiLan && !options.ClassicApi)
        {
            throw new KiwigridSetupException("Kiwigrid:ClassicApiLan only applies with Kiwigrid:ClassicApi.");
        }

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
        try
        {
            publisher.Validate();
        }
        catch (ArgumentException e)
        {
            throw new KiwigridSetupException(e.Message.Split(" (Parameter", 2)[0], e);
        }

        return publisher;
    }
}
