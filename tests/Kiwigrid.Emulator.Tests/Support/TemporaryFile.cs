namespace Kiwigrid.Emulator.Tests.Support;

/// <summary>A file with given text in a fresh temporary folder, deleted with the folder on dispose.</summary>
internal sealed class TemporaryFile : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("kiwigrid-emulator-tests-");

    public TemporaryFile(string text, string name = "users.txt")
    {
        Path = System.IO.Path.Combine(folder.FullName, name);
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public void Dispose() => folder.Delete(recursive: true);
}
