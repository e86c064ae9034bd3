namespace Kiwigrid.Cli;

/// <summary>
/// How the person at the terminal runs this very <c>kiwigrid</c> again, for a hint they can paste: <c>kiwigrid</c>
/// when that name on the PATH is this program (an installed tool), <c>dotnet run --project src/Kiwigrid.Cli --</c>
/// when it was built from its project (as the README's <c>dotnet run</c> does), else the path of the program.
/// </summary>
internal static class CliInvocation
{
    private const string ToolName = "kiwigrid";

    /// <summary>The invocation of the running process, relative to the current directory where that is shorter.</summary>
    public static string Current() => For(
        Environment.ProcessPath,
        Path.Combine(AppContext.BaseDirectory, ToolName + ".dll"),
        Environment.CurrentDirectory,
        Environment.GetEnvironmentVariable("PATH"));

    /// <param name="processPath">The running executable: the apphost, the <c>dotnet</c> host or a native binary.</param>
    /// <param name="assemblyPath">The CLI's assembly, which the <c>dotnet</c> host runs.</param>
    /// <param name="currentDirectory">Where the hint will be pasted.</param>
    /// <param name="pathVariable">The PATH the shell searches.</param>
    public static string For(string? processPath, string assemblyPath, string currentDirectory, string? pathVariable)
    {
        if (processPath is null)
        {
            return ToolName;
        }

        var viaDotnetHost = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        var program = viaDotnetHost ? assemblyPath : processPath;
        if (!viaDotnetHost && OnPath(pathVariable) is { } found && SameFile(found, processPath))
        {
            return ToolName;
        }

        // <project>/bin/<configuration>/<framework>/kiwigrid: built from the project, so dotnet run finds it again.
        var project = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(program))));
        if (project is not null && File.Exists(Path.Combine(project, "Kiwigrid.Cli.csproj")))
        {
            return $"dotnet run --project {Shorter(project, currentDirectory)} --";
        }

        return (viaDotnetHost ? "dotnet " : string.Empty) + Shorter(program, currentDirectory);
    }

    private static string? OnPath(string? pathVariable) =>
        (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, ToolName))
            .FirstOrDefault(File.Exists);

    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static string Shorter(string path, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, path);
        var shorter = relative.Length < path.Length && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : path;

        // A bare name would be looked up on the PATH, not in the current directory.
        if (!shorter.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            shorter = "." + Path.DirectorySeparatorChar + shorter;
        }

        return shorter.Contains(' ', StringComparison.Ordinal) ? $"'{shorter}'" : shorter;
    }
}
