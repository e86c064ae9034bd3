namespace Kiwigrid.Client;

/// <summary>The portal login failed: wrong credentials, or a login step answered unexpectedly.</summary>
public sealed class KiwigridAuthenticationException : KiwigridException
{
    /// <inheritdoc />
    public KiwigridAuthenticationException() { }

    /// <inheritdoc />
    public KiwigridAuthenticationException(string message) : base(message) { }

    /// <inheritdoc />
    public KiwigridAuthenticationException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the error for one login step.</summary>
    /// <param name="step">The step that failed, 1 to 4.</param>
    /// <param name="statusCode">The HTTP status the server answered, if any.</param>
    /// <param name="message">What happened, without secrets.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public KiwigridAuthenticationException(int step, int? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Step = step;
        StatusCode = statusCode;
    }

    /// <summary>The login step that failed (1 login, 2 authorize, 3 auth grant, 4 context.js), 0 if unknown.</summary>
    public int Step { get; }

    /// <summary>The HTTP status of the failed step, if the server answered.</summary>
    public int? StatusCode { get; }
}
