namespace Kiwigrid.Client;

/// <summary>
/// The HTTP statuses, and the service reply codes that borrow them, with which a server says it is busy, starting or
/// overloaded rather than refusing the request: a server error (5xx), 408 Request Timeout, 425 Too Early and 429 Too
/// Many Requests. That trouble passes by itself, so the same request may be sent again later; any other 4xx will be
/// refused again. The client's retries, the watch and the CLI's advice all go by this one rule.
/// </summary>
public static class TransientStatus
{
    /// <summary>Whether <paramref name="status"/> says the trouble passes by itself; false for no status.</summary>
    public static bool Is(int? status) => status is >= 500 or 408 or 425 or 429;
}
