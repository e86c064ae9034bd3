using System.Collections;
using System.Numerics;
using System.Diagnostics.CodeAnalysis;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// The tags of one device read from a reply, by name, in the order they came: an array of the tags and an open-addressed
/// table of 16-bit indexes into it, about 12 bytes a tag where a dictionary takes over 30 (a reply has hundreds of tags,
/// and a program keeps one reply per poll).
/// </summary>
internal sealed class TagTable : IReadOnlyDictionary<string, TagValue>
{
    /// <summary>The most tags a table holds (slot 0 means empty, so indexes are stored plus one).</summary>
    public const int MaxTags = ushort.MaxValue - 1;

    private readonly TagValue[] _tags;
    private readonly ushort[] _slots;
    private int _count;

    /// <param name="capacity">How many tags will be added, at most <see cref="MaxTags"/>.</param>
    public TagTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxTags);
        _tags = new TagValue[capacity];

        // At most half full, so a probe ends after a slot or two.
        _slots = new ushort[Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2))];
    }

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    /// <inheritdoc />
    public IEnumerable<TagValue> Values => _tags.Take(_count);

    /// <inheritdoc />
    public TagValue this[string key] => TryGetValue(key, out var tag) ? tag : throw new KeyNotFoundException($"The device has no tag {key}.");

    /// <summary>Adds a tag; a second tag of the same name replaces the first, as in the reply's JSON object.</summary>
    public void Add(TagValue tag)
    {
        var slot = SlotOf(tag.Name);
        if (_slots[slot] != 0)
        {
            _tags[_slots[slot] - 1] = tag;
            return;
        }

        _tags[_count] = tag;
        _slots[slot] = (ushort)++_count;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TagValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var index = _slots[SlotOf(key)];
        value = index == 0 ? null : _tags[index - 1];
        return value is not null;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TagValue>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return new KeyValuePair<string, TagValue>(_tags[i].Name, _tags[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The slot that holds <paramref name="name"/>, or the empty one where it would go.</summary>
    private int SlotOf(string name)
    {
        var mask = _slots.Length - 1;
        var slot = name.GetHashCode() & mask;
        while (_slots[slot] != 0 && !string.Equals(_tags[_slots[slot] - 1].Name, name, StringComparison.Ordinal))
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }
}
