namespace Kiwigrid.Hosting;

/// <summary>
/// Publishing to an MQTT broker with Home Assistant discovery: configuration section <c>Kiwigrid:Mqtt</c>. Off unless
/// <see cref="Broker"/> is set.
/// </summary>
public sealed class KiwigridMqttOptions
{
    /// <summary>The broker, <c>mqtt://host:port</c> or <c>mqtts://…</c>; null for no MQTT.</summary>
    public Uri? Broker { get; set; }

    /// <summary>The first level of the state and availability topics.</summary>
    public string TopicPrefix { get; set; } = "kiwigrid";

    /// <summary>Home Assistant's discovery prefix.</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>A PEM file with the CA certificate that signed an <c>mqtts://</c> broker's own, trusted besides the system's.</summary>
    public string? CaFile { get; set; }

    /// <summary>The broker user, if it wants one.</summary>
    public string? UserName { get; set; }

    /// <summary>The broker password; prefer the environment (<c>Kiwigrid__Mqtt__Password</c>).</summary>
    public string? Password { get; set; }
}
