namespace Kiwigrid.Testing.Robustness;

/// <summary>The seed inputs of one parser under <c>tests/corpus/&lt;target&gt;/</c>, one input per file, raw bytes.</summary>
internal static class FuzzCorpus
{
    public static string Folder(string target) => Path.Combine(RepoPaths.Root, "tests", "corpus", target);

    /// <summary>Every entry of the target, by file name, in a stable order.</summary>
    public static IReadOnlyList<(string Name, byte[] Input)> Load(string target)
    {
        var folder = Folder(target);
        var entries = Directory.EnumerateFiles(folder)
            .Where(path => !Path.GetFileName(path).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path)))
            .ToList();
        if (entries.Count == 0)
        {
            throw new InvalidOperationException($"The corpus {folder} is empty.");
        }

        return entries;
    }

    public static TheoryData<string> Names(string target)
    {
        var names = new TheoryData<string>();
        foreach (var (name, _) in Load(target))
        {
            names.Add(name);
        }

        return names;
    }
}
