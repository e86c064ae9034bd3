using System.Text.Json;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Manager;

namespace Kiwigrid.Client.Local;

/// <summary>
/// Finds out what answers at a LAN address: a classic Energy Manager serves its device list without a login, a Manager
/// flex/rail answers with its sign-in page (or refuses without a session). A classic Energy Manager costs one request.
/// </summary>
public static class LanDeviceProbe
{
    private const string DeviceListPath = "/rest/kiwigrid/wizard/devices";

    /// <summary>Asks the device at <paramref name="address"/> what it is.</summary>
    /// <param name="address">The device's address, e.g. <c>http://192.168.1.20</c> (only its origin is used).</param>
    /// <param name="options">Timeout, TLS trust and clock; null for <see cref="ManagerClientOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <exception cref="KiwigridProtocolException">Neither answered: the message says what the device answered instead.</exception>
    /// <exception cref="KiwigridServiceException">The device list answered a server error (5xx) or asked to wait (408, 425, 429; <see cref="TransientStatus"/>), and the device is no Manager: try again later.</exception>
    /// <exception cref="KiwigridConnectionException">Nothing could be reached there.</exception>
    /// <exception cref="KiwigridCertificateException">Its HTTPS certificate is neither vouched for nor pinned.</exception>
    /// <exception cref="KiwigridTimeoutException">It did not answer in time.</exception>
    public static async Task<LanDeviceKind> DetectAsync(Uri address, ManagerClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var http = new ManagerHttp(address, options ?? ManagerClientOptions.Default, KiwigridTelemetry.Sources.LanProbe);
        var devices = await http.GetAsync(DeviceListPath, null, cancellationToken).ConfigureAwait(false);
        if (IsDeviceList(devices))
        {
            return LanDeviceKind.EnergyManager;
        }

        if (IsManager(devices))
        {
            return LanDeviceKind.Manager;
        }

        var home = await http.GetAsync("/", null, cancellationToken).ConfigureAwait(false);
        if (IsManager(home))
        {
            return LanDeviceKind.Manager;
        }

        // A busy or restarting Energy Manager answers its device list with a server error: that passes, the address is
        // not wrong.
        if (TransientStatus.Is(devices.Status))
        {
            throw new KiwigridServiceException(
                devices.Status,
                null,
                $"The device at {http.OriginText} answered {DeviceListPath} with {Describe(devices)} and / with {Describe(home)}: it is busy or starting.");
        }

        throw new KiwigridProtocolException(
            $"The device at {http.OriginText} is not a SOLARWATT device kiwigrid knows: {DeviceListPath} answered {Describe(devices)} and / answered {Describe(home)}; check the address.");
    }

    private static bool IsDeviceList(ManagerAnswer answer)
    {
        if (answer.Status is < 200 or >= 300 || answer.IsHtml)
        {
            return false;
        }

        try
        {
            DeviceParser.ReadDeviceList(answer.Body);
            return true;
        }
        catch (Exception ex) when (ex is KiwigridProtocolException or JsonException)
        {
            return false;
        }
    }

    private static bool IsManager(ManagerAnswer answer) =>
        answer.IsSignInPage
        || answer.Status is 401 or 403
        || answer.Location?.AbsolutePath.Contains("/auth/login", StringComparison.Ordinal) == true
        || answer.Location?.AbsolutePath.Contains("logon.html", StringComparison.Ordinal) == true;

    private static string Describe(ManagerAnswer answer) =>
        answer.ContentType is { } type ? $"HTTP {answer.Status} ({type})" : $"HTTP {answer.Status}";
}
