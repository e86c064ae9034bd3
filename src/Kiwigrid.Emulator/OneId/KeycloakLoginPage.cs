using System.Text;
using System.Text.Encodings.Web;

namespace Kiwigrid.Emulator.OneId;

/// <summary>
/// The OneID login page in the shape of Keycloak's base login theme (tests/fixtures/hems/keycloak-login.html): the
/// form <c>kc-form-login</c> posting to <c>login-actions/authenticate</c>, and the same form with Keycloak's
/// message after a wrong password.
/// </summary>
internal static class KeycloakLoginPage
{
    /// <summary>Keycloak's message for a wrong user name or password.</summary>
    public const string InvalidCredentials = "Invalid username or password.";

    public const string Execution = "6a1c3f4e-1b2d-4c5e-9f80-0a1b2c3d4e5f";

    public static IResult Render(string realmUrl, AuthSession session, string clientId, string? error = null, string userName = "", int statusCode = StatusCodes.Status200OK)
    {
        var html = HtmlEncoder.Default;
        var action = $"{realmUrl}/login-actions/authenticate?session_code={Uri.EscapeDataString(session.SessionCode)}"
            + $"&execution={Execution}&client_id={Uri.EscapeDataString(clientId)}&tab_id={Uri.EscapeDataString(session.TabId)}";
        var invalid = error is null ? string.Empty : " aria-invalid=\"true\"";
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n    <meta charset=\"utf-8\">\n")
            .Append("    <title>Anmeldung bei SOLARWATT OneID</title>\n</head>\n<body>\n<div id=\"kc-content\">\n")
            .Append("    <div id=\"kc-content-wrapper\">\n");
        if (error is not null)
        {
            page.Append("        <div class=\"alert-error\">\n            <span class=\"kc-feedback-text\">")
                .Append(html.Encode(error)).Append("</span>\n        </div>\n");
        }

        page.Append("        <form id=\"kc-form-login\" onsubmit=\"login.disabled = true; return true;\" action=\"")
            .Append(html.Encode(action)).Append("\" method=\"post\">\n")
            .Append("            <div>\n                <label for=\"username\">E-Mail</label>\n")
            .Append("                <input tabindex=\"1\" id=\"username\" name=\"username\" value=\"").Append(html.Encode(userName))
            .Append("\" type=\"text\" autofocus autocomplete=\"off\"").Append(invalid).Append(" />\n            </div>\n")
            .Append("            <div>\n                <label for=\"password\">Passwort</label>\n")
            .Append("                <input tabindex=\"2\" id=\"password\" name=\"password\" type=\"password\" autocomplete=\"off\"")
            .Append(invalid).Append(" />\n");
        if (error is not null)
        {
            page.Append("                <span id=\"input-error\" aria-live=\"polite\">").Append(html.Encode(error)).Append("</span>\n");
        }

        page.Append("            </div>\n            <div id=\"kc-form-buttons\">\n")
            .Append("                <input type=\"hidden\" id=\"id-hidden-input\" name=\"credentialId\"/>\n")
            .Append("                <input tabindex=\"4\" name=\"login\" id=\"kc-login\" type=\"submit\" value=\"Anmelden\"/>\n")
            .Append("            </div>\n        </form>\n    </div>\n</div>\n</body>\n</html>\n");
        return Results.Content(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
