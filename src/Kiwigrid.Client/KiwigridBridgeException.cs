namespace Kiwigrid.Client;

/// <summary>
/// The event-bus bridge refused a message of ours: a bridge error such as <c>{"type":"err","body":"access_denied"}</c>
/// (Vert.x 3 and later). Such an error names no address, so it fails every request waiting for a reply at that moment,
/// each with its own <see cref="Address"/>.
/// </summary>
public sealed class KiwigridBridgeException : KiwigridException
{
    /// <inheritdoc />
    public KiwigridBridgeException() { }

    /// <inheritdoc />
    public KiwigridBridgeException(string message) : base(message) { }

    /// <inheritdoc />
    public KiwigridBridgeException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the error for a request to <paramref name="address"/> that the bridge refused.</summary>
    /// <param name="address">The address the refused request was sent to.</param>
    /// <param name="error">What the bridge said: <c>access_denied</c>, <c>not_logged_in</c>, <c>invalid_json</c>, …</param>
    /// <param name="message">What happened, naming the address.</param>
    public KiwigridBridgeException(string address, string error, string message)
        : base(message)
    {
        Address = address;
        Error = error;
    }

    /// <summary>The address of the request that was failed, e.g. <c>deviceservice</c>.</summary>
    public string? Address { get; }

    /// <summary>The bridge's error, e.g. <c>access_denied</c>.</summary>
    public string? Error { get; }

    /// <summary>
    /// Whether the bridge refused the session's rights (<c>access_denied</c>, <c>not_logged_in</c>, <c>auth_error</c>,
    /// <c>rejected</c>), which a new login may restore, rather than the shape of a message.
    /// </summary>
    public bool IsRefusal => Error is "access_denied" or "not_logged_in" or "auth_error" or "rejected";
}
