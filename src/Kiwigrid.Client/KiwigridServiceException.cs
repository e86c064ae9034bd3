namespace Kiwigrid.Client;

/// <summary>
/// A service answered with an error: either a Kiwigrid reply with <c>status:"error"</c> or a code other than 200,
/// or a Vert.x reply failure (<c>type:"err"</c> with <c>failureCode</c>/<c>failureType</c>).
/// </summary>
public sealed class KiwigridServiceException : KiwigridException
{
    /// <inheritdoc />
    public KiwigridServiceException() { }

    /// <inheritdoc />
    public KiwigridServiceException(string message) : base(message) { }

    /// <inheritdoc />
    public KiwigridServiceException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the error for a service reply.</summary>
    /// <param name="code">The reply code (Kiwigrid) or failure code (Vert.x).</param>
    /// <param name="failureType">The Vert.x failure type (<c>NO_HANDLERS</c>, <c>TIMEOUT</c>, <c>RECIPIENT_FAILURE</c>), or null for a Kiwigrid reply.</param>
    /// <param name="message">What the server said.</param>
    public KiwigridServiceException(int code, string? failureType, string message)
        : base(message)
    {
        Code = code;
        FailureType = failureType;
    }

    /// <summary>The Kiwigrid reply code (400, 401, 404, 419, 500, …) or the Vert.x failure code.</summary>
    public int Code { get; }

    /// <summary>The Vert.x failure type, or null when the failure came as a Kiwigrid reply.</summary>
    public string? FailureType { get; }

    /// <summary>Whether the server says the token expired (code 419): log in again and resend.</summary>
    public bool IsTokenExpired => FailureType is null && Code == 419;

    /// <summary>
    /// Whether Vert.x gave up waiting for the service's reply (failure type <c>TIMEOUT</c>, code -1): a timeout like a
    /// <see cref="KiwigridTimeoutException"/>, only noticed by the server.
    /// </summary>
    public bool IsTimeout => FailureType == "TIMEOUT";
}
