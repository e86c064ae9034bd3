namespace Kiwigrid.Hosting;

/// <summary>
/// Where a host reads the site: configuration section <c>Kiwigrid:Source</c>. Secrets belong in files or the
/// environment (<see cref="PasswordFile"/>, <c>Kiwigrid__Source__Password</c>), not in a configuration file.
/// </summary>
public sealed class KiwigridSourceOptions
{
    /// <summary>Which source: today's cloud (the default), the 2018 cloud, or a device on the LAN.</summary>
    public KiwigridSourceKind Kind { get; set; } = KiwigridSourceKind.Cloud;

    /// <summary>
    /// For <see cref="KiwigridSourceKind.Local"/>, the device's address (<c>http://192.168.1.20</c>); for a cloud, one
    /// server hosting every endpoint (an emulator); empty for the real cloud.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>The portal user name, or for a Manager flex/rail its gateway user (default <c>installer</c>).</summary>
    public string? UserName { get; set; }

    /// <summary>The password; prefer <see cref="PasswordFile"/> or the environment.</summary>
    public string? Password { get; set; }

    /// <summary>A file whose first line is the password (a systemd credential, a container secret).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>For a Manager over HTTPS with its own certificate: the certificate's SHA-256 fingerprint to trust.</summary>
    public string? TlsFingerprint { get; set; }

    /// <summary>
    /// Where today's cloud's energy counters are kept between restarts (one file per account); empty for none.
    /// </summary>
    public string? StateDirectory { get; set; }
}
