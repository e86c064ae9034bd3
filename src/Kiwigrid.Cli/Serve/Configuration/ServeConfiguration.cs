using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Kiwigrid.Cli.Serve.Configuration;

/// <summary>
/// <c>kiwigrid serve --config file</c>: turns the JSON file and the <c>KIWIGRID__…</c> environment variables into
/// serve's own flags, so that a configured serve behaves exactly as one started with the flags. Precedence: the file,
/// then the environment, then the flags typed on the command line. Secrets go to the command as the environment
/// variables it already reads, never as flags.
/// </summary>
/// <remarks>
/// Our design: no <c>appsettings.json</c> is read implicitly (a file in whatever directory serve happens to start in
/// would change it silently); the file is named with <c>--config</c>. Relative secret-file paths are looked up in
/// systemd's <c>$CREDENTIALS_DIRECTORY</c> when it is set (<c>LoadCredential=</c>), else in the working directory.
/// </remarks>
internal static class ServeConfiguration
{
    public const string ConfigFlag = "--config";

    /// <summary>Set by systemd for a unit with <c>LoadCredential=</c>: where the credentials are.</summary>
    public const string CredentialsDirectoryVariable = "CREDENTIALS_DIRECTORY";

    private const string Serve = "serve";

    /// <summary>
    /// The arguments and context serve runs with: for <c>serve</c>, the configured flags before the typed ones and the
    /// configured secrets behind the environment; any other command unchanged.
    /// </summary>
    /// <exception cref="CliUsageException">The file or a value is refused; the message names the key and what it takes.</exception>
    public static (string[] Args, CliContext Context) Apply(string[] args, CliContext context)
    {
        if (args.Length == 0 || args[0] != Serve)
        {
            return (args, context);
        }

        var (configPath, typed) = TakeConfigPath(args.AsSpan(1));
        RefuseUnknownVariables(context.EnvironmentVariableNames());
        var overrides = EnvironmentOverrides(context.GetEnvironmentVariable);
        if (configPath is null && overrides.Count == 0)
        {
            return (args, context);
        }

        var file = configPath is null ? null : Load(configPath);
        if (file is not null)
        {
            RefuseUnknownKeys(file, configPath!);
        }

        var settings = new ConfigurationBuilder()
            .AddConfiguration(file ?? new ConfigurationBuilder().Build())
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value.Value)))
            .Build();

        var flags = new List<string> { Serve };
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in ServeConfigKeys.All)
        {
            if (key.Flag is not null && typed.Any(t => Names(t, key.Flag)))
            {
                continue;
            }

            foreach (var (value, source) in Values(settings, key, overrides, configPath))
            {
                Hand(key, value, source, file, configPath, context, flags, variables);
            }
        }

        flags.AddRange(typed);
        var environment = context.GetEnvironmentVariable;
        return ([.. flags], context with
        {
            // A variable really set wins over the file, as KIWIGRID__ ones do.
            GetEnvironmentVariable = name => environment(name) is { Length: > 0 } set ? set : variables.GetValueOrDefault(name),
        });
    }

    private static (string? Path, List<string> Typed) TakeConfigPath(ReadOnlySpan<string> args)
    {
        string? path = null;
        var typed = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == ConfigFlag)
            {
                path = i + 1 < args.Length ? args[++i] : throw new CliUsageException("--config takes the path of serve's JSON configuration file.");
            }
            else if (args[i].StartsWith(ConfigFlag + "=", StringComparison.Ordinal))
            {
                path = args[i][(ConfigFlag.Length + 1)..];
            }
            else
            {
                typed.Add(args[i]);
            }
        }

        return (path, typed);
    }

    private static bool Names(string token, string flag) =>
        token == flag || token.StartsWith(flag + "=", StringComparison.Ordinal) || token.StartsWith(flag + ":", StringComparison.Ordinal)
        || (ServeConfigKeys.ShortFlags.TryGetValue(flag, out var shortFlag) && token == shortFlag);

    /// <summary>A mistyped <c>KIWIGRID__…</c> variable would be ignored silently, as an unknown key of the file is not.</summary>
    private static void RefuseUnknownVariables(IEnumerable<string> names)
    {
        var unknown = names
            .Where(name => name.StartsWith(ServeConfigKeys.EnvironmentPrefix, StringComparison.Ordinal))
            .Where(name => !ServeConfigKeys.All.Any(key => IsVariableOf(key, name)))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (unknown is not null)
        {
            throw new CliUsageException(
                $"The environment variable {unknown} is no serve setting; the {ServeConfigKeys.EnvironmentPrefix} variables are the keys of docs/schema/serve-config.schema.json in capitals, sections joined by __ (KIWIGRID__INTERVAL, KIWIGRID__MQTT__BROKER, KIWIGRID__ALLOWORIGIN__0).");
        }
    }

    private static bool IsVariableOf(ServeConfigKey key, string name)
    {
        if (name == key.EnvironmentName)
        {
            return true;
        }

        var element = key.EnvironmentName + "__";
        return key.Kind == ServeConfigKind.List
            && name.StartsWith(element, StringComparison.Ordinal)
            && name.Length > element.Length
            && name.AsSpan(element.Length).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>The <c>KIWIGRID__…</c> variables of the known keys (list elements as <c>…__0</c>, <c>…__1</c>), by configuration path.</summary>
    private static Dictionary<string, (string Variable, string Value)> EnvironmentOverrides(Func<string, string?> environment)
    {
        var found = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in ServeConfigKeys.All)
        {
            if (environment(key.EnvironmentName) is { Length: > 0 } value)
            {
                found[key.Path] = (key.EnvironmentName, value);
            }

            for (var i = 0; key.Kind == ServeConfigKind.List && environment($"{key.EnvironmentName}__{i}") is { Length: > 0 } element; i++)
            {
                found[$"{key.Path}:{i}"] = ($"{key.EnvironmentName}__{i}", element);
            }
        }

        return found;
    }

    private static IConfigurationRoot Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException($"The config file {path} cannot be read ({e.Message.TrimEnd('.')}).");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // The provider reports a syntax error as the reader's exception, a valid document of the wrong shape as a FormatException.
            var line = (e as JsonException ?? e.InnerException as JsonException) is { LineNumber: { } n } ? $" at line {n + 1}" : "";
            throw new CliUsageException($"The config file {path} is not a valid JSON object{line}; fix it and start again.");
        }
    }

    private static void RefuseUnknownKeys(IConfiguration file, string path)
    {
        foreach (var (name, value) in file.AsEnumerable())
        {
            if (value is null || IsKnown(name))
            {
                continue;
            }

            var section = name.Split(':')[0];
            throw new CliUsageException(string.Equals(section, ServeConfigKeys.MqttSection, StringComparison.OrdinalIgnoreCase)
                ? $"The config file {path} has an unknown key '{name.Replace(':', '.')}'; the mqtt section takes {string.Join(", ", ServeConfigKeys.All.Where(k => k.Path.StartsWith("mqtt:", StringComparison.Ordinal)).Select(k => k.Path[5..]))}."
                : $"The config file {path} has an unknown key '{name.Replace(':', '.')}'; the keys are those of docs/schema/serve-config.schema.json (README, \"Run it at home\").");
        }
    }

    private static bool IsKnown(string name)
    {
        if (ServeConfigKeys.Find(name) is not null)
        {
            return true;
        }

        var last = name.LastIndexOf(':');
        return last > 0 && int.TryParse(name.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && ServeConfigKeys.Find(name[..last]) is { Kind: ServeConfigKind.List };
    }

    /// <summary>The key's values with where each came from (a variable's name, or the key in the file) for messages.</summary>
    private static IEnumerable<(string Value, string Source)> Values(
        IConfiguration settings, ServeConfigKey key, Dictionary<string, (string Variable, string Value)> overrides, string? configPath)
    {
        string Source(string path) => overrides.TryGetValue(path, out var o) ? o.Variable : $"'{path.Replace(':', '.')}' in {configPath}";

        var section = settings.GetSection(key.Path);
        if (!string.IsNullOrEmpty(section.Value))
        {
            yield return (section.Value, Source(key.Path));
            yield break;
        }

        if (key.Kind != ServeConfigKind.List)
        {
            yield break;
        }

        foreach (var element in section.GetChildren().OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
        {
            if (!string.IsNullOrEmpty(element.Value))
            {
                yield return (element.Value, Source(element.Path));
            }
        }
    }

    private static void Hand(
        ServeConfigKey key, string value, string source, IConfiguration? file, string? configPath, CliContext context, List<string> flags, Dictionary<string, string> variables)
    {
        switch (key.Kind)
        {
            case ServeConfigKind.Text or ServeConfigKind.List:
                flags.AddRange([key.Flag!, value]);
                break;
            case ServeConfigKind.WholeNumber:
                _ = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
                    ? number
                    : throw Refused(source, key, value);
                flags.AddRange([key.Flag!, value]);
                break;
            case ServeConfigKind.Switch:
                flags.AddRange([key.Flag!, bool.TryParse(value, out var on) ? (on ? "true" : "false") : throw Refused(source, key, value)]);
                break;
            case ServeConfigKind.Variable:
                variables[key.Variable!] = value;
                break;
            case ServeConfigKind.InlineSecret:
                // The secret may have come from the environment; only one written in the file needs the file kept private.
                if (file?[key.Path] is { Length: > 0 } && OwnerOnlyFile.OthersMayRead(configPath!))
                {
                    throw new CliUsageException($"The config file {configPath} holds a secret ('{key.Display}') but others may read it; run chmod 600 {configPath}, or move the secret to '{key.Display}File'.");
                }

                Once(variables, key, value);
                break;
            case ServeConfigKind.SecretFile:
                var credentials = context.GetEnvironmentVariable(CredentialsDirectoryVariable);
                var path = SecretPath(value, credentials);
                // systemd keeps its credentials from other users itself (and chooses their modes).
                var fromSystemd = path != value;
                if (!fromSystemd)
                {
                    CheckSecretFile(path, key);
                }

                if (key.Flag is not null)
                {
                    flags.AddRange([key.Flag, path]);
                }
                else
                {
                    Once(variables, key, ReadSecret(path, key));
                }

                break;
        }
    }

    private static CliUsageException Refused(string source, ServeConfigKey key, string value) =>
        new($"{source} takes {key.Expectation}, not '{value}'.");

    private static void Once(Dictionary<string, string> variables, ServeConfigKey key, string secret)
    {
        if (!variables.TryAdd(key.Variable!, secret))
        {
            var other = ServeConfigKeys.All.First(k => k.Variable == key.Variable && k != key);
            throw new CliUsageException($"Serve's configuration gives both '{other.Display}' and '{key.Display}'; keep one of them.");
        }
    }

    /// <summary>A relative path names a systemd credential when serve runs under <c>LoadCredential=</c>.</summary>
    internal static string SecretPath(string path, string? credentialsDirectory) =>
        Path.IsPathRooted(path) || string.IsNullOrEmpty(credentialsDirectory) ? path : Path.Combine(credentialsDirectory, path);

    private static void CheckSecretFile(string path, ServeConfigKey key)
    {
        bool othersMayRead;
        try
        {
            othersMayRead = OwnerOnlyFile.OthersMayRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"The secret file {path} ('{key.Display}') cannot be read ({e.Message.TrimEnd('.')}).");
        }

        if (othersMayRead)
        {
            throw new CliUsageException($"The secret file {path} ('{key.Display}') may be read by others; run chmod 600 {path}.");
        }
    }

    /// <summary>The secret: the file's first line.</summary>
    private static string ReadSecret(string path, ServeConfigKey key)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"The secret file {path} ('{key.Display}') cannot be read ({e.Message.TrimEnd('.')}).");
        }

        var secret = text.Split('\n')[0].TrimEnd('\r');
        return secret.Length > 0 ? secret : throw new CliUsageException($"The secret file {path} ('{key.Display}') is empty; put the secret on its first line.");
    }
}
