using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Client.Hems;

/// <summary>The HEMS API's writes: a device's optimization mode and its switch (PROTOCOL-2024.md, "Controls").</summary>
public sealed partial class HemsClient
{
    private const int MaxReasonLength = 200;

    /// <summary>Sets a device's optimization mode (<c>PATCH /device/{id}/optimization/config</c>).</summary>
    /// <param name="deviceId">The device's HEMS id (<see cref="HemsDeviceOptimization.Id"/>).</param>
    /// <param name="mode">A mode the device lists in <see cref="HemsDeviceOptimization.SupportedModes"/>, e.g. <c>PV_EXCESS</c>.</param>
    /// <param name="cancellationToken">Cancels the request (it may have reached the cloud already).</param>
    /// <exception cref="KiwigridServiceException">The API refused the change (its reason in the message) or has no such device (404).</exception>
    public Task SetOptimizationModeAsync(string deviceId, string mode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mode);
        return WriteAsync(OptimizationModeRequest(deviceId, mode), $"the optimization mode of {deviceId}", cancellationToken);
    }

    /// <summary>Switches a device on or off (<c>PUT /device/{id}/optimization/state</c>).</summary>
    /// <param name="deviceId">The device's HEMS id; it must support switching (<see cref="HemsDeviceOptimization.SupportsSwitching"/>).</param>
    /// <param name="on">True for <c>ON</c>, false for <c>OFF</c>.</param>
    /// <param name="cancellationToken">Cancels the request (it may have reached the cloud already).</param>
    /// <exception cref="KiwigridServiceException">The API refused the change (its reason in the message) or has no such device (404).</exception>
    public Task SetSwitchStateAsync(string deviceId, bool on, CancellationToken cancellationToken = default) =>
        WriteAsync(SwitchStateRequest(deviceId, on), $"the switch of {deviceId}", cancellationToken);

    /// <summary>The <c>PATCH</c> that sets an optimization mode, as it would be sent.</summary>
    internal SettingRequest OptimizationModeRequest(string deviceId, string mode) =>
        Request("PATCH", DevicePath(deviceId, "config"), "optimization_mode", mode);

    /// <summary>The <c>PUT</c> that switches a device, as it would be sent.</summary>
    internal SettingRequest SwitchStateRequest(string deviceId, bool on) =>
        Request("PUT", DevicePath(deviceId, "state"), "target_state", on ? "ON" : "OFF");

    private static string DevicePath(string deviceId, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        return $"device/{Uri.EscapeDataString(deviceId)}/optimization/{what}";
    }

    private SettingRequest Request(string method, string path, string field, string value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(field, value);
            writer.WriteEndObject();
        }

        return new SettingRequest(method, new Uri(_options.ApiUri, path).AbsolutePath, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private async Task WriteAsync(SettingRequest request, string what, CancellationToken cancellationToken)
    {
        // The target is the path as sent; the API's own base path comes off to join it to the base again.
        var path = request.Target;
        var relative = path[_options.ApiUri.AbsolutePath.Length..];
        var (status, body) = await SendAsync(new HttpMethod(request.Method), relative, Encoding.UTF8.GetBytes(request.Body), analytics: false, cancellationToken)
            .ConfigureAwait(false);
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return;
        }

        var reason = Reason(body);
        throw status switch
        {
            HttpStatusCode.NotFound => new KiwigridServiceException(code, null, $"The HEMS API knows no device to set {what} of (HTTP 404){reason}; list the settings to see which devices have them."),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new KiwigridServiceException(code, null, $"The HEMS API refused {request.Method} {path} even after a new login (HTTP {code}); check that this account may control the installation."),
            _ when code is >= 400 and < 500 => new KiwigridServiceException(code, null, $"The HEMS API refused to set {what} (HTTP {code}){reason}."),
            _ => new KiwigridServiceException(code, null, $"The HEMS API answered {request.Method} {path} with HTTP {code}; try again later."),
        };
    }

    /// <summary>": the server's reason" from an error body (its <c>message</c>, else <c>error</c>, else its text), cut short and on one line.</summary>
    private static string Reason(byte[] body)
    {
        string? text = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                text = HemsJson.String(document.RootElement, "message") ?? HemsJson.String(document.RootElement, "error");
            }
        }
        catch (JsonException)
        {
            text = Encoding.UTF8.GetString(body);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return ": " + (line.Length > MaxReasonLength ? line[..MaxReasonLength] + "…" : line).TrimEnd('.');
    }
}
