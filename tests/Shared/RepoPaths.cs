namespace Kiwigrid.Testing;

/// <summary>Where the repository, the shared reference material and the Node.js peers are on this machine.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root: the folder holding <c>Kiwigrid.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> beside the repository (read-only reference material and fixtures).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A file under <c>../shared/fixtures</c>.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Shared, "fixtures", .. parts]);

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
