namespace Kiwigrid.Cli.Serve.Configuration;

/// <summary>What a key of serve's configuration takes, and so how its value is checked and handed on.</summary>
internal enum ServeConfigKind
{
    /// <summary>Any text, handed to the key's flag.</summary>
    Text,

    /// <summary>A whole number of 1 or more, handed to the key's flag.</summary>
    WholeNumber,

    /// <summary>true or false, handed to the key's flag.</summary>
    Switch,

    /// <summary>One text or an array of them; each becomes one use of the key's flag.</summary>
    List,

    /// <summary>Text handed on as the key's environment variable, never as a flag (flags show in process listings).</summary>
    Variable,

    /// <summary>A secret written in the file itself: only if the file is readable by its owner alone.</summary>
    InlineSecret,

    /// <summary>A file holding a secret, readable by its owner alone; relative paths are looked up in systemd's credentials.</summary>
    SecretFile,
}
