namespace Kiwigrid.Client.Auth;

/// <summary>
/// The current access token of a client, renewed by logging in again when the server answers 419. Concurrent
/// renewals collapse into one login.
/// </summary>
internal sealed class SessionTokens(PortalLogin login, string username, string password, AccessToken initial) : IAccessTokenSource, IDisposable
{
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile AccessToken _current = initial;

    public AccessToken Current => _current;

    public async Task<AccessToken> RenewAsync(AccessToken expired, CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request hit 419 first and already logged in again: use its token.
            if (!ReferenceEquals(_current, expired))
            {
                return _current;
            }

            var session = await login.LoginAsync(username, password, cancellationToken).ConfigureAwait(false);
            _current = session.AccessToken;
            return _current;
        }
        finally
        {
            _renewal.Release();
        }
    }

    public void Dispose()
    {
        login.Dispose();
        _renewal.Dispose();
    }
}
