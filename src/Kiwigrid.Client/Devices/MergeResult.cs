namespace Kiwigrid.Client.Devices;

/// <summary>What a tag write did: the accepted tags with their new versions, and the rejected ones.</summary>
/// <param name="Accepted">The accepted tags with their new value and <c>oca</c>.</param>
/// <param name="Failed">The rejected tags (stale <c>oca</c>, read-only tag, unknown tag), by name.</param>
public sealed record MergeResult(IReadOnlyDictionary<string, TagValue> Accepted, IReadOnlyDictionary<string, FailedTagWrite> Failed)
{
    /// <summary>Whether every tag was accepted.</summary>
    public bool AllAccepted => Failed.Count == 0;
}
