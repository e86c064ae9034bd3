namespace Kiwigrid.Client;

/// <summary>The server could not be reached, closed the connection, or went silent.</summary>
public sealed class KiwigridConnectionException : KiwigridException
{
    /// <inheritdoc />
    public KiwigridConnectionException() { }

    /// <inheritdoc />
    public KiwigridConnectionException(string message) : base(message) { }

    /// <inheritdoc />
    public KiwigridConnectionException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the error for a SockJS close frame.</summary>
    public KiwigridConnectionException(string message, int closeCode, string? closeReason)
        : base(message)
    {
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    /// <summary>The SockJS close code (e.g. 3000), when the server sent a close frame.</summary>
    public int? CloseCode { get; }

    /// <summary>The SockJS close reason (e.g. "Go away!"), when the server sent a close frame.</summary>
    public string? CloseReason { get; }
}
