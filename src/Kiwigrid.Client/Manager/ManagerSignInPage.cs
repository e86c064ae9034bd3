using System.Text;

namespace Kiwigrid.Client.Manager;

/// <summary>
/// Recognises the Manager's sign-in page by the markers public clients look for: a form posting to <c>/auth/login</c>,
/// "Please enter the gateway password", the "Sign in" heading, or the KiwiOS app frame.
/// </summary>
internal static class ManagerSignInPage
{
    private static readonly string[] Markers =
    [
        "action=\"/auth/login\"",
        "Please enter the gateway password",
        "<h3 class=\"primary-color\">Sign in</h3>",
        "kiwios-app-frame",
    ];

    public static bool Matches(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        return Markers.Any(marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }
}
