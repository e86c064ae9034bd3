namespace Kiwigrid.Client;

/// <summary>Base of every error the client raises. Messages never contain passwords, cookies or tokens.</summary>
public class KiwigridException : Exception
{
    /// <inheritdoc />
    public KiwigridException() { }

    /// <inheritdoc />
    public KiwigridException(string message) : base(message) { }

    /// <inheritdoc />
    public KiwigridException(string message, Exception? innerException) : base(message, innerException) { }
}
