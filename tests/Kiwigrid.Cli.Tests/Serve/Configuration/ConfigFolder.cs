namespace Kiwigrid.Cli.Tests.Serve.Configuration;

/// <summary>A temporary folder for config and secret files with the modes a test gives them; removed on dispose.</summary>
internal sealed class ConfigFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kiwigrid-config-").FullName;

    /// <summary>Writes <paramref name="name"/> with <paramref name="mode"/> (0600 unless a test wants others to read it).</summary>
    public string Write(string name, string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, mode);
        }

        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>rw-r--r--: what a plain text editor leaves behind.</summary>
    public const UnixFileMode WorldReadable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}
