namespace Kiwigrid.Client.Auth;

/// <summary>Where the services get the token to send, and a fresh one when the server says it expired.</summary>
internal interface IAccessTokenSource
{
    /// <summary>The token to send now.</summary>
    AccessToken Current { get; }

    /// <summary>
    /// Logs in again unless another caller already replaced <paramref name="expired"/>, and returns the token to
    /// send now.
    /// </summary>
    Task<AccessToken> RenewAsync(AccessToken expired, CancellationToken cancellationToken);
}
