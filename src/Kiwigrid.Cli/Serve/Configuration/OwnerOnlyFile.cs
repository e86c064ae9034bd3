namespace Kiwigrid.Cli.Serve.Configuration;

/// <summary>Whether a file that holds a secret is kept from other users, as ssh demands of a private key.</summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>True when the file's mode gives its group or anyone else any access (not 0600 or 0400); Windows has no such mode.</summary>
    public static bool OthersMayRead(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOthers) != 0;
}
