using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// How the emulated SOLARWATT Manager flex/rail behaves (<see cref="EmulatorOptions.Manager"/>). Immutable; derive
/// variants with <c>with</c>. Its one account is <see cref="UserName"/> with <see cref="Password"/>.
/// </summary>
public sealed record ManagerOptions
{
    /// <summary>The Manager's user, as most units have it (our design; public clients log in as it).</summary>
    public const string InstallerUserName = "installer";

    /// <summary>A Manager flex with new firmware over plain HTTP, password <see cref="EmulatorOptions.DemoPassword"/>.</summary>
    public static ManagerOptions Default { get; } = new();

    /// <summary>Flex or rail (labels only). Default <see cref="ManagerModel.Flex"/>.</summary>
    public ManagerModel Model { get; init; } = ManagerModel.Flex;

    /// <summary>Which local API it serves. Default <see cref="ManagerFirmware.New"/>.</summary>
    public ManagerFirmware Firmware { get; init; } = ManagerFirmware.New;

    /// <summary>
    /// Serve HTTPS only, with a self-signed certificate made at start for the Manager's loopback address
    /// (<see cref="KiwigridEmulator.ManagerCertificateFingerprint"/>). Default false: plain HTTP.
    /// </summary>
    public bool Https { get; init; }

    /// <summary>The first this many login attempts answer 504, 500, 504, … with an HTML body and no cookie. Default 0.</summary>
    public int LoginOutage { get; init; }

    /// <summary>How long a session lives after its login, on <see cref="EmulatorOptions.TimeProvider"/>. Default 15 minutes.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The one user name the Manager knows. Default <see cref="InstallerUserName"/>.</summary>
    public string UserName { get; init; } = InstallerUserName;

    /// <summary>The Manager's password. Default <see cref="EmulatorOptions.DemoPassword"/>.</summary>
    public string Password { get; init; } = EmulatorOptions.DemoPassword;

    /// <summary>The product name its pages and things carry, e.g. <c>SOLARWATT Manager flex</c>.</summary>
    public string ProductName => Model == ManagerModel.Rail ? "SOLARWATT Manager rail" : "SOLARWATT Manager flex";

    // The password stays out of ToString (and so out of logs and assertion messages).
    /// <summary>The settings that are safe to show: no password.</summary>
    public override string ToString() =>
        $"ManagerOptions {{ Model = {Model}, Firmware = {Firmware}, Https = {Https}, LoginOutage = {LoginOutage}, SessionLifetime = {SessionLifetime}, UserName = {UserName} }}";
}
