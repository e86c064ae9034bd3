namespace Kiwigrid.Client;

/// <summary>The server sent something that does not follow the protocol (malformed frame, message or reply).</summary>
public sealed class KiwigridProtocolException : KiwigridException
{
    /// <inheritdoc />
    public KiwigridProtocolException() { }

    /// <inheritdoc />
    public KiwigridProtocolException(string message) : base(message) { }

    /// <inheritdoc />
    public KiwigridProtocolException(string message, Exception? innerException) : base(message, innerException) { }
}
