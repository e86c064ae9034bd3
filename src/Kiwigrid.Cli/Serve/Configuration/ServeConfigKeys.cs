using Kiwigrid.Cli.Connection;
using Kiwigrid.Hosting.Mqtt;

namespace Kiwigrid.Cli.Serve.Configuration;

/// <summary>Every key of serve's configuration file: the serve options, and the secrets that have no option.</summary>
internal static class ServeConfigKeys
{
    /// <summary>Environment variables with this prefix override the file (double underscore separates sections).</summary>
    public const string EnvironmentPrefix = "KIWIGRID__";

    /// <summary>The one section: the MQTT publisher's keys live under it.</summary>
    public const string MqttSection = "mqtt";

    public static IReadOnlyList<ServeConfigKey> All { get; } =
    [
        new("cloud", ServeConfigKind.Text, "--cloud"),
        new("server", ServeConfigKind.Text, "--server"),
        new("authUrl", ServeConfigKind.Text, "--auth-url"),
        new("desktopUrl", ServeConfigKind.Text, "--desktop-url"),
        new("busUrl", ServeConfigKind.Text, "--bus-url"),
        new("exportUrl", ServeConfigKind.Text, "--export-url"),
        new("oneIdUrl", ServeConfigKind.Text, "--oneid-url"),
        new("portalUrl", ServeConfigKind.Text, "--portal-url"),
        new("hemsUrl", ServeConfigKind.Text, "--hems-url"),
        new("stateDir", ServeConfigKind.Text, "--state-dir"),
        new("local", ServeConfigKind.Text, "--local"),
        new("tlsFingerprint", ServeConfigKind.Text, "--tls-fingerprint"),
        new("tlsTrustOnFirstUse", ServeConfigKind.Switch, "--tls-trust-on-first-use"),
        new("user", ServeConfigKind.Text, "--user"),
        new("password", ServeConfigKind.InlineSecret, null, Credentials.PasswordVariable),
        new("passwordFile", ServeConfigKind.SecretFile, null, Credentials.PasswordVariable),
        new("managerPassword", ServeConfigKind.InlineSecret, null, Credentials.ManagerPasswordVariable),
        new("managerPasswordFile", ServeConfigKind.SecretFile, null, Credentials.ManagerPasswordVariable),
        new("urls", ServeConfigKind.Text, "--urls"),
        new("interval", ServeConfigKind.WholeNumber, "--interval"),
        new("json", ServeConfigKind.Switch, "--json"),
        new("accessToken", ServeConfigKind.InlineSecret, null, ServeAccess.TokenVariable),
        // A file of several named tokens: handed to the option, which reads it, once its mode is checked.
        new("accessTokenFile", ServeConfigKind.SecretFile, "--access-token-file"),
        new("allowOrigin", ServeConfigKind.List, "--allow-origin"),
        new("classicApi", ServeConfigKind.Switch, "--classic-api"),
        new("classicApiLan", ServeConfigKind.Switch, "--classic-api-lan"),
        new("allowControl", ServeConfigKind.Switch, "--allow-control"),
        new("mqtt:broker", ServeConfigKind.Text, "--mqtt"),
        new("mqtt:topicPrefix", ServeConfigKind.Text, "--mqtt-topic-prefix"),
        new("mqtt:discoveryPrefix", ServeConfigKind.Text, "--mqtt-discovery-prefix"),
        new("mqtt:caFile", ServeConfigKind.Text, "--mqtt-ca-file"),
        new("mqtt:userName", ServeConfigKind.Variable, null, MqttPublisherOptions.UserNameVariable),
        new("mqtt:password", ServeConfigKind.InlineSecret, null, MqttPublisherOptions.PasswordVariable),
        new("mqtt:passwordFile", ServeConfigKind.SecretFile, null, MqttPublisherOptions.PasswordVariable),
    ];

    /// <summary>The short spellings of the flags, so that a flag given either way overrides the file.</summary>
    public static IReadOnlyDictionary<string, string> ShortFlags { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--user"] = "-u",
    };

    public static ServeConfigKey? Find(string path) =>
        All.FirstOrDefault(k => string.Equals(k.Path, path, StringComparison.OrdinalIgnoreCase));
}
