using Kiwigrid.Client.Sources;

namespace Kiwigrid.Cli.Connection;

/// <summary>A source's description at the start of a sentence, for the one line that says what it cannot do.</summary>
internal static class SourceDescription
{
    /// <summary>"The Energy Manager at …" from "the Energy Manager at …".</summary>
    public static string AsSubject(ISiteSource site) =>
        site.Description.Length == 0 ? site.Description : string.Concat(char.ToUpperInvariant(site.Description[0]).ToString(), site.Description.AsSpan(1));
}
