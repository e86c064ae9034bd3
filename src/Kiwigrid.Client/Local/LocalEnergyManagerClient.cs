using Kiwigrid.Client.Devices;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Local;

/// <summary>
/// Reads an Energy Manager directly over the LAN (<c>GET /rest/kiwigrid/wizard/devices</c>, no login). Values carry
/// no timestamp or version. Thread-safe.
/// </summary>
public sealed class LocalEnergyManagerClient : IDisposable
{
    private readonly Uri _devicesUri;
    private readonly KiwigridClientOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;

    /// <summary>Creates a client for the Energy Manager at <paramref name="baseUri"/>.</summary>
    /// <param name="baseUri">The Energy Manager's address, e.g. <c>http://192.168.1.50</c>.</param>
    /// <param name="options">The HTTP handler, timeout, clock and size limit to use; null for the defaults.</param>
    public LocalEnergyManagerClient(Uri baseUri, KiwigridClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The Energy Manager address must be an absolute http or https address.", nameof(baseUri));
        }

        _options = options ?? KiwigridClientOptions.Default;
        _devicesUri = new Uri(baseUri, "/rest/kiwigrid/wizard/devices");
        _logger = _options.LoggerFactory.CreateLogger<LocalEnergyManagerClient>();
        _http = _options.HttpMessageHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.MaxResponseContentBufferSize = _options.MaxMessageBytes;
    }

    /// <summary>The options the client was made with.</summary>
    internal KiwigridClientOptions Options => _options;

    /// <summary>All devices of the Energy Manager with all their tags.</summary>
    /// <exception cref="KiwigridConnectionException">The Energy Manager could not be reached.</exception>
    /// <exception cref="KiwigridServiceException">It answered with a server error (5xx) or asked to wait (408, 425, 429; <see cref="TransientStatus"/>): try again later.</exception>
    /// <exception cref="KiwigridProtocolException">It answered with another error status or something that is not a device list.</exception>
    /// <exception cref="KiwigridTimeoutException">It did not answer within the request timeout.</exception>
    public async Task<IReadOnlyList<Device>> GetDevicesAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        byte[] body;
        using var request = new HttpRequestMessage(HttpMethod.Get, _devicesUri);
        using var measured = MeasuredOperation.Request(KiwigridTelemetry.Sources.Local, request, _options.TimeProvider, _logger, cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
            measured.Answered((int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                throw ErrorStatus((int)response.StatusCode, response.ReasonPhrase);
            }

            // The content type is not checked: some firmware sends text/html for JSON.
            body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            measured.TimedOut();
            throw new KiwigridTimeoutException($"The Energy Manager at {_devicesUri.GetLeftPart(UriPartial.Authority)} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new KiwigridConnectionException($"Cannot reach the Energy Manager at {_devicesUri.GetLeftPart(UriPartial.Authority)} ({HttpFailureText.Describe(ex)}).", ex);
        }

        return DeviceParser.ReadDeviceList(body);
    }

    /// <summary>The site's energy flow now, read from the Energy Manager's devices.</summary>
    public async Task<EnergyFlow> GetEnergyFlowAsync(CancellationToken cancellationToken = default) =>
        EnergyFlow.From(await GetDevicesAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>
    /// A server error or a request to wait is the device's passing trouble (a busy or restarting Energy Manager); any
    /// other error status means the address serves no device list.
    /// </summary>
    private KiwigridException ErrorStatus(int status, string? reason)
    {
        var what = $"The Energy Manager at {_devicesUri.GetLeftPart(UriPartial.Authority)} answered HTTP {status} {reason} for the device list";
        return TransientStatus.Is(status)
            ? new KiwigridServiceException(status, null, what + ".")
            : new KiwigridProtocolException(what + ".");
    }
}
