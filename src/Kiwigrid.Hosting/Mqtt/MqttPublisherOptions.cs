namespace Kiwigrid.Hosting.Mqtt;

/// <summary>
/// Where and how <see cref="MqttPublisher"/> publishes. <see cref="Broker"/> is <c>mqtt://host[:port]</c> (1883) or
/// <c>mqtts://host[:port]</c> (8883, TLS); a user name and password come from its user info
/// (<c>mqtt://user:pass@host</c>, percent-escaped) or else from <see cref="UserNameVariable"/> and
/// <see cref="PasswordVariable"/>.
/// </summary>
internal sealed record MqttPublisherOptions(Uri Broker)
{
    public const string UserNameVariable = "KIWIGRID_MQTT_USERNAME";
    public const string PasswordVariable = "KIWIGRID_MQTT_PASSWORD";

    /// <summary>First level of every state and availability topic: <c>kiwigrid/&lt;node&gt;/…</c>.</summary>
    public string TopicPrefix { get; init; } = "kiwigrid";

    /// <summary>Home Assistant's discovery prefix (its MQTT integration's setting; <c>homeassistant</c> by default).</summary>
    public string DiscoveryPrefix { get; init; } = "homeassistant";

    /// <summary>
    /// Names this site in topics and unique ids. Null takes it from the first snapshot: the Energy Manager's serial
    /// number (<c>erc05-000012345</c>), else the site's guid, reduced to <c>[a-z0-9_-]</c>.
    /// </summary>
    public string? NodeId { get; init; }

    /// <summary>
    /// A PEM file with CA certificates that an <c>mqtts://</c> broker's certificate may also be signed by (a home
    /// broker with its own CA), in addition to the ones the system trusts. Null: the system's only.
    /// </summary>
    public string? CaFile { get; init; }

    /// <summary>
    /// The longest wait before the first reconnection attempt; it doubles with each failed attempt, and each wait is
    /// between half and all of that (jitter, so that many publishers do not return to a restarted broker at once).
    /// </summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The reconnection waits' jitter, 0 to 1 (1: the whole doubled delay); null for shared randomness.</summary>
    internal Func<double>? ReconnectJitter { get; init; }

    /// <summary>How long one connection attempt or one publish may take before the connection counts as lost.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads the credential variables; the CLI passes its own so tests can set them without the process environment.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Whether the broker is reached over TLS (<c>mqtts://</c>).</summary>
    public bool UseTls => string.Equals(Broker.Scheme, "mqtts", StringComparison.OrdinalIgnoreCase);

    /// <summary>The port, or the scheme's default when the URI names none.</summary>
    public int Port => Broker.IsDefaultPort || Broker.Port <= 0 ? (UseTls ? 8883 : 1883) : Broker.Port;

    /// <summary>The broker without user info, safe for logs: <c>mqtt://host:port</c>.</summary>
    public string BrokerForDisplay => $"{Broker.Scheme}://{Broker.Host}:{Port}";

    /// <summary>Throws with one clear sentence when a setting cannot work.</summary>
    /// <exception cref="KiwigridSetupException">A setting cannot work; the message says which and what to do.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Broker);
        if (!Broker.IsAbsoluteUri || Broker.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(Broker.Host))
        {
            throw new KiwigridSetupException($"The MQTT broker must be mqtt://host[:port] or mqtts://host[:port], not {Redacted(Broker)}.");
        }

        if (Broker.AbsolutePath is not ("/" or "") || Broker.Query.Length > 0)
        {
            throw new KiwigridSetupException($"The MQTT broker URL {BrokerForDisplay} takes no path or query; set topics with the topic prefix.");
        }

        if (CaFile is not null)
        {
            if (!UseTls)
            {
                throw new KiwigridSetupException($"An MQTT CA file only applies to an mqtts:// broker, not {BrokerForDisplay}.");
            }

            BrokerCertificateTrust.LoadAuthorities(CaFile);
        }

        RequireTopicPrefix(TopicPrefix, nameof(TopicPrefix));
        RequireTopicPrefix(DiscoveryPrefix, nameof(DiscoveryPrefix));
        if (NodeId is not null && MqttTopics.Sanitize(NodeId) != NodeId)
        {
            throw new KiwigridSetupException($"The MQTT node id may hold only a-z, 0-9, '_' and '-'; '{NodeId}' does not.");
        }

        if (ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay || Timeout <= TimeSpan.Zero)
        {
            throw new KiwigridSetupException("MQTT reconnect delays and the timeout must be positive, the maximum delay at least the first.");
        }
    }

    /// <summary>The user name and password from the URI's user info, else from the environment; nulls for none.</summary>
    public (string? UserName, string? Password) ResolveCredentials()
    {
        var userInfo = Broker.UserInfo;
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? (Uri.UnescapeDataString(userInfo), null)
                : (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
        }

        return (NonEmpty(GetEnvironmentVariable(UserNameVariable)), NonEmpty(GetEnvironmentVariable(PasswordVariable)));
    }

    /// <summary>Shows the broker without its user info, so a password in the URL never reaches a log.</summary>
    public override string ToString() =>
        $"MqttPublisherOptions {{ Broker = {BrokerForDisplay}, TopicPrefix = {TopicPrefix}, DiscoveryPrefix = {DiscoveryPrefix}, NodeId = {NodeId ?? "(from the site)"}, CaFile = {CaFile ?? "(none)"} }}";

    private static string Redacted(Uri uri) =>
        uri.IsAbsoluteUri && uri.UserInfo.Length > 0 ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped) : uri.ToString();

    private static void RequireTopicPrefix(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.AsSpan().IndexOfAny("+#\0") >= 0 || value.StartsWith('/') || value.EndsWith('/'))
        {
            throw new KiwigridSetupException($"The MQTT {name} '{value}' must be a topic without wildcards (+, #) or leading/trailing '/'.");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
