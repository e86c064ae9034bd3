using System.Security.Cryptography;
using System.Text;

namespace Kiwigrid.Hosting;

/// <summary>
/// The dashboard as one HTML document: page, style and script are separate embedded files, put together once so a
/// single request (which can carry <c>?token=</c>) loads everything, and the script is allowed by its hash alone.
/// </summary>
internal static class DashboardPage
{
    private const string StylePlaceholder = "/*{{style}}*/";
    private const string ScriptPlaceholder = "/*{{script}}*/";

    private static readonly Lazy<(string Html, string ContentSecurityPolicy)> Composed = new(Compose);

    public static string Html => Composed.Value.Html;

    /// <summary>Nothing but this page's own style and script runs; it talks only to its own server.</summary>
    public static string ContentSecurityPolicy => Composed.Value.ContentSecurityPolicy;

    private static (string, string) Compose()
    {
        var script = Asset("dashboard.js");
        var html = Asset("index.html")
            .Replace(StylePlaceholder, Asset("dashboard.css"), StringComparison.Ordinal)
            .Replace(ScriptPlaceholder, script, StringComparison.Ordinal);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        var policy = $"default-src 'none'; connect-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return (html, policy);
    }

    private static string Asset(string name)
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("Kiwigrid.Hosting.Assets." + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
