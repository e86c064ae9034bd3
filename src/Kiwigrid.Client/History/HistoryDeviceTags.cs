namespace Kiwigrid.Client.History;

/// <summary>Tags of one device that feed a history column; the column is the sum of all its tags.</summary>
public sealed class HistoryDeviceTags
{
    /// <summary>Names tags of one device.</summary>
    /// <param name="guid">The device's guid, e.g. the Location's.</param>
    /// <param name="tags">One or more tag names, e.g. <c>WorkConsumedFromGrid</c>.</param>
    /// <exception cref="ArgumentException">The guid is empty, or no tag or an empty tag name is given.</exception>
    public HistoryDeviceTags(string guid, params IReadOnlyList<string> tags)
    {
        ArgumentException.ThrowIfNullOrEmpty(guid);
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0 || tags.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Name at least one tag, and no empty tag name.", nameof(tags));
        }

        Guid = guid;
        Tags = [.. tags];
    }

    /// <summary>The device's guid.</summary>
    public string Guid { get; }

    /// <summary>The tag names, summed into the column.</summary>
    public IReadOnlyList<string> Tags { get; }
}
