using Kiwigrid.Client.Sources;

namespace Kiwigrid.Hosting.Views;

/// <summary>A source named at the start of a sentence.</summary>
internal static class SiteSubject
{
    /// <summary>The source's description with a capital: "The Energy Manager at …".</summary>
    public static string Of(ISiteSource site) =>
        site.Description.Length == 0 ? site.Description : string.Concat(char.ToUpperInvariant(site.Description[0]).ToString(), site.Description.AsSpan(1));
}
