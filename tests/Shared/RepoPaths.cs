namespace Kiwigrid.Testing;

/// <summary>Where the repository, its test fixtures and the Node.js peers are on this machine.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root: the folder holding <c>Kiwigrid.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file under <c>tests/fixtures</c> (real captures, sources and licences in its README).</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Root, "tests", "fixtures", .. parts]);

    /// <summary>The folder with the Node.js peers' <c>package.json</c>.</summary>
    public static string Peers => Path.Combine(Root, "tests", "peers");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kiwigrid.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kiwigrid.slnx not found above " + AppContext.BaseDirectory);
    }
}
