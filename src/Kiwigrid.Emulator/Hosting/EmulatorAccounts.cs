namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The portal accounts the emulator's command line gathers, never from an argument (the process list shows every
/// argument to every user of the machine): <c>name:password</c> lines from users files, <c>name:password</c> entries
/// from <see cref="UsersVariable"/>, and one user named by <c>--user NAME</c> with a password from standard input or
/// <see cref="PasswordVariable"/>. An entry splits at its first colon, so a password may contain colons and a name
/// cannot. Errors say where an entry is (file and line number, or entry number) and never quote it: it holds a password.
/// </summary>
internal sealed class EmulatorAccounts
{
    /// <summary>Accounts as <c>name:password</c> entries separated by newlines or semicolons.</summary>
    public const string UsersVariable = "KIWIGRID_EMULATOR_USERS";

    /// <summary>The password of the user named by <c>--user NAME</c>, unless <c>--password-stdin</c> is given.</summary>
    public const string PasswordVariable = "KIWIGRID_EMULATOR_PASSWORD";

    // Insertion-ordered (no removals), so the first account given is the one the emulator reports as its user.
    private readonly Dictionary<string, string> passwords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> origins = new(StringComparer.Ordinal);

    public bool IsEmpty => passwords.Count == 0;

    public IReadOnlyDictionary<string, string> ToUsers() => new Dictionary<string, string>(passwords, StringComparer.Ordinal);

    /// <summary>Adds every <c>name:password</c> line of a users file; blank lines and lines starting with <c>#</c> are skipped.</summary>
    public void AddFile(string path)
    {
        var lines = ReadLines(path);
        var added = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                Add(line, $"line {i + 1} of the users file {path}");
                added++;
            }
        }

        if (added == 0)
        {
            throw new FormatException($"The users file {path} holds no name:password line.");
        }
    }

    /// <summary>Adds the entries of <see cref="UsersVariable"/>; an unset or blank variable adds nothing.</summary>
    public void AddEnvironmentList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var entries = value.Split(['\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            throw new FormatException($"The environment variable {UsersVariable} holds no name:password entry.");
        }

        for (var i = 0; i < entries.Length; i++)
        {
            Add(entries[i], $"entry {i + 1} of the environment variable {UsersVariable}");
        }
    }

    /// <summary>Adds the user named by <c>--user NAME</c> with a password read elsewhere.</summary>
    public void AddUser(string name, string password, string passwordOrigin)
    {
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new FormatException($"The password for --user {name} from {passwordOrigin} is empty.");
        }

        Register(name, password, "--user");
    }

    private void Add(string entry, string where)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new FormatException($"Expected name:password on {where}.");
        }

        var name = entry[..colon].Trim();
        var password = entry[(colon + 1)..].Trim();
        if (name.Length == 0)
        {
            throw new FormatException($"There is no user name before the colon on {where}.");
        }

        if (password.Length == 0)
        {
            throw new FormatException($"There is no password after the colon on {where}.");
        }

        Register(name, password, where);
    }

    private void Register(string name, string password, string where)
    {
        if (origins.TryGetValue(name, out var first))
        {
            throw new FormatException($"The user {name} is given twice, on {first} and on {where}.");
        }

        origins[name] = where;
        passwords[name] = password;
    }

    private static string[] ReadLines(string path)
    {
        if (Directory.Exists(path))
        {
            throw new FormatException($"The users file {path} is a directory, not a file.");
        }

        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FormatException($"The users file {path} does not exist.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FormatException($"The users file {path} cannot be read: permission denied.", e);
        }
        catch (IOException e)
        {
            throw new FormatException($"The users file {path} cannot be read: {e.Message.TrimEnd('.')}.", e);
        }
    }
}
