namespace Kiwigrid.Client;

/// <summary>A request got no reply within its timeout. Distinct from the caller cancelling.</summary>
public sealed class KiwigridTimeoutException : KiwigridException
{
    /// <inheritdoc />
    public KiwigridTimeoutException() { }

    /// <inheritdoc />
    public KiwigridTimeoutException(string message) : base(message) { }

    /// <inheritdoc />
    public KiwigridTimeoutException(string message, Exception? innerException) : base(message, innerException) { }
}
