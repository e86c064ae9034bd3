using System.Security.Cryptography;
using System.Text;

namespace Kiwigrid.Hosting.Sources;

/// <summary>
/// Where <c>serve</c> keeps today's cloud's energy counters: one file per HEMS API and user in the state directory,
/// named by a hash so neither the user name nor anything secret shows in it. Only <c>serve</c> writes them
/// (<paramref name="Writable"/>); other commands read the counters <c>serve</c> keeps, if any.
/// </summary>
/// <param name="Directory">The state directory.</param>
/// <param name="Writable">Whether the command feeds the counters from the analytics and writes the file.</param>
internal sealed record CounterStateFiles(string Directory, bool Writable)
{
    /// <summary>
    /// <c>$XDG_STATE_HOME/kiwigrid</c>, else <c>~/.local/state/kiwigrid</c> (on Windows <c>%LOCALAPPDATA%\kiwigrid</c>).
    /// </summary>
    public static string DefaultDirectory(Func<string, string?> getEnvironmentVariable)
    {
        if (getEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } stateHome && Path.IsPathRooted(stateHome))
        {
            return Path.Combine(stateHome, "kiwigrid");
        }

        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "kiwigrid")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "kiwigrid");
    }

    /// <summary>The counters' file for one user of one HEMS API.</summary>
    public string PathFor(Uri api, string userName)
    {
        var key = $"{api.AbsoluteUri.TrimEnd('/').ToUpperInvariant()}\n{userName.Trim().ToUpperInvariant()}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(Directory, $"energy-counters-{hash}.json");
    }
}
