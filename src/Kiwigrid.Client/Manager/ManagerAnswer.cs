namespace Kiwigrid.Client.Manager;

/// <summary>One whole answer of a device on the LAN: what the session and the probe look at, nothing else kept.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="ContentType">The media type, e.g. <c>application/json</c>; null when none was sent.</param>
/// <param name="Body">The body.</param>
/// <param name="Location">The redirect target, if any.</param>
/// <param name="SessionCookie">The <c>kiwisessionid</c> the answer set, if any.</param>
internal sealed record ManagerAnswer(int Status, string? ContentType, byte[] Body, Uri? Location, string? SessionCookie)
{
    /// <summary>Whether the body is a page rather than data: an HTML type, or text that starts like markup.</summary>
    public bool IsHtml =>
        ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
        || Body.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'<', ..];

    /// <summary>Whether the answer is the Manager's sign-in page.</summary>
    public bool IsSignInPage => IsHtml && ManagerSignInPage.Matches(Body);
}
