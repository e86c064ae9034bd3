namespace Kiwigrid.Cli.Serve.Configuration;

/// <summary>One key of serve's configuration and where its value goes.</summary>
/// <param name="Path">The key as .NET configuration spells it: sections separated by ':' (<c>mqtt:broker</c>).</param>
/// <param name="Kind">What it takes.</param>
/// <param name="Flag">The serve option it stands for, or null when it goes to <paramref name="Variable"/>.</param>
/// <param name="Variable">The environment variable the secret or name is handed on as, or null.</param>
internal sealed record ServeConfigKey(string Path, ServeConfigKind Kind, string? Flag, string? Variable = null)
{
    /// <summary>The key as the JSON file nests it, for messages: <c>mqtt.broker</c>.</summary>
    public string Display => Path.Replace(':', '.');

    /// <summary>The environment variable that overrides the file: <c>KIWIGRID__MQTT__BROKER</c>.</summary>
    public string EnvironmentName => ServeConfigKeys.EnvironmentPrefix + Path.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>What the key takes, as the end of a sentence.</summary>
    public string Expectation => Kind switch
    {
        ServeConfigKind.WholeNumber => "a whole number of 1 or more",
        ServeConfigKind.Switch => "true or false",
        ServeConfigKind.List => "a text or an array of texts",
        ServeConfigKind.SecretFile => "the path of a file",
        _ => "a text",
    };
}
