using System.Net;

using Kiwigrid.Client.Auth;
using Kiwigrid.Client.EventBus;
using Kiwigrid.Client.History;
using Kiwigrid.Client.Services;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client;

/// <summary>
/// A logged-in session with the Kiwigrid cloud (SOLARWATT Energy Manager portal): devices, tag values, the energy
/// flow, tag writes. Create one with <see cref="ConnectAsync(string, string, KiwigridClientOptions?, CancellationToken)"/>;
/// thread-safe; dispose it to close the event bus. An expired token is renewed transparently.
/// </summary>
public sealed partial class KiwigridClient : IAsyncDisposable
{
    private readonly IAsyncDisposable _busLifetime;
    private readonly IAccessTokenSource _tokens;
    private readonly IDisposable? _tokensLifetime;
    private readonly DeviceService _devices;
    private readonly UserService _users;
    private readonly AppService _apps;
    private readonly HistoryExport _history;
    private readonly IEventBusMessaging? _messaging;
    private int _disposed;

    /// <summary>The seam for tests: any bus, any token source.</summary>
    internal KiwigridClient(IEventBusRequester bus, IAsyncDisposable busLifetime, IAccessTokenSource tokens, IDisposable? tokensLifetime, KiwigridClientOptions options)
    {
        _busLifetime = busLifetime;
        _messaging = bus as IEventBusMessaging;
        _tokens = tokens;
        _tokensLifetime = tokensLifetime;
        var requester = new ServiceRequester(bus, tokens, options.TimeProvider, options.LoggerFactory.CreateLogger<ServiceRequester>());
        _devices = new DeviceService(requester, options.LoggerFactory.CreateLogger<DeviceService>());
        _users = new UserService(requester);
        _apps = new AppService(requester);
        _history = new HistoryExport(options, tokens, options.LoggerFactory.CreateLogger<HistoryExport>());
    }

    /// <summary>The current access token (renewed after the server reports it expired).</summary>
    public AccessToken AccessToken => _tokens.Current;

    /// <summary>Logs into the portal and opens the event bus.</summary>
    /// <param name="username">The portal login (usually an e-mail address).</param>
    /// <param name="password">The portal password; kept in memory to log in again when the token expires, never logged.</param>
    /// <param name="options">Hosts, timeouts, logging; null for <see cref="KiwigridClientOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the login and the connection.</param>
    /// <exception cref="KiwigridAuthenticationException">The portal refused the login; the message names the step.</exception>
    /// <exception cref="KiwigridConnectionException">A host could not be reached.</exception>
    /// <exception cref="KiwigridTimeoutException">A step got no answer in time.</exception>
    public static Task<KiwigridClient> ConnectAsync(string username, string password, KiwigridClientOptions? options = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(username, password, options ?? KiwigridClientOptions.Default, EventBusConnection.ConnectAsync, cancellationToken);

    /// <summary>Logs in, then opens the bus with <paramref name="openBus"/> (tests hand in their own).</summary>
    internal static async Task<KiwigridClient> ConnectAsync<TBus>(
        string username,
        string password,
        KiwigridClientOptions options,
        Func<KiwigridClientOptions, CookieContainer, CancellationToken, Task<TBus>> openBus,
        CancellationToken cancellationToken)
        where TBus : IEventBusRequester, IAsyncDisposable
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentNullException.ThrowIfNull(options);

        var login = new PortalLogin(options);
        try
        {
            var session = await login.LoginAsync(username, password, cancellationToken).ConfigureAwait(false);
            var bus = await openBus(options, session.Cookies, cancellationToken).ConfigureAwait(false);
            var tokens = new SessionTokens(login, username, password, session.AccessToken);
            return new KiwigridClient(bus, bus, tokens, tokens, options);
        }
        catch
        {
            login.Dispose();
            throw;
        }
    }

    /// <summary>Closes the event bus. Calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _busLifetime.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _history.Dispose();
            _tokensLifetime?.Dispose();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
