using System.Buffers;
using System.Runtime.CompilerServices;

namespace Kiwigrid.Client.Devices;

/// <summary>
/// Collects the devices of one list while the reply is read, then builds them at once: every value and stamp in one
/// <see cref="TagValueStore"/> and every device's tags in a <see cref="TagTable"/>. Until then the values
/// and tags wait in pooled buffers, so reading a reply allocates little more than what it hands out.
/// </summary>
internal sealed class DeviceListBuilder : IDisposable
{
    private const int InitialTags = 256;
    private const int InitialBytes = 16 * 1024;

    private readonly List<PendingDevice> _devices = [];
    private PendingTag[] _tags = ArrayPool<PendingTag>.Shared.Rent(InitialTags);
    private int _tagCount;
    private byte[] _scalars = ArrayPool<byte>.Shared.Rent(InitialBytes);
    private int _scalarLength;
    private byte[] _nested = ArrayPool<byte>.Shared.Rent(InitialBytes);
    private int _nestedLength;
    private int _nestedCount;
    private bool _stamped;

    /// <summary>How many tags have been added so far: a device's tags are those added while its document was read.</summary>
    public int TagCount => _tagCount;

    /// <summary>Adds a device whose tags are those added since <see cref="TagCount"/> was <paramref name="firstTag"/>.</summary>
    public void AddDevice(string guid, List<string> classes, int firstTag) =>
        _devices.Add(new PendingDevice(guid, classes, firstTag, _tagCount - firstTag));

    /// <summary>Adds a tag of the current device; <paramref name="value"/> is copied (empty when absent).</summary>
    public void AddTag(string name, ReadOnlySpan<byte> value, DateTimeOffset? timestamp, long? oca)
    {
        if (_tagCount == _tags.Length)
        {
            Grow(ref _tags, _tags.Length * 2);
        }

        // Objects and arrays with something in them go to the array parsed as one when asked for; the rest are read
        // from their text directly ([] and {} too: TagValue shares one element for each).
        var nested = value.Length > 2 && (value[0] == (byte)'{' || value[0] == (byte)'[');
        int start;
        if (nested)
        {
            EnsureRoom(ref _nested, _nestedLength, value.Length + 1);
            _nested[_nestedLength++] = _nestedCount == 0 ? (byte)'[' : (byte)',';
            start = _nestedLength;
            value.CopyTo(_nested.AsSpan(_nestedLength));
            _nestedLength += value.Length;
        }
        else
        {
            EnsureRoom(ref _scalars, _scalarLength, value.Length);
            start = _scalarLength;
            value.CopyTo(_scalars.AsSpan(_scalarLength));
            _scalarLength += value.Length;
        }

        if (nested)
        {
            _nestedCount++;
        }

        _stamped |= timestamp is not null || oca is not null;
        _tags[_tagCount++] = new PendingTag(name, start, value.Length, nested, timestamp, oca);
    }

    /// <summary>The devices, in the order they were read.</summary>
    public List<Device> Build()
    {
        var nestedLength = _nestedCount == 0 ? 0 : _nestedLength + 1;
        var text = GC.AllocateUninitializedArray<byte>(_scalarLength + nestedLength);
        _scalars.AsSpan(0, _scalarLength).CopyTo(text);
        if (_nestedCount > 0)
        {
            _nested.AsSpan(0, _nestedLength).CopyTo(text.AsSpan(_scalarLength));
            text[^1] = (byte)']';
        }

        var (timestamps, ocas) = _stamped ? Stamps() : (null, null);
        var store = new TagValueStore(text, _scalarLength, NestedTags(), timestamps, ocas);
        var devices = new List<Device>(_devices.Count);
        foreach (var pending in _devices)
        {
            devices.Add(new Device(pending.Guid, pending.Classes, TagsOf(pending, store)));
        }

        return devices;
    }

    private IReadOnlyDictionary<string, TagValue> TagsOf(PendingDevice device, TagValueStore store)
    {
        var end = device.FirstTag + device.TagCount;
        if (device.TagCount <= TagTable.MaxTags)
        {
            var table = new TagTable(device.TagCount);
            for (var index = device.FirstTag; index < end; index++)
            {
                table.Add(TagOf(index, store));
            }

            return table;
        }

        // More tags than any real device has: too many for the compact table's indexes.
        var tags = new Dictionary<string, TagValue>(device.TagCount, StringComparer.Ordinal);
        for (var index = device.FirstTag; index < end; index++)
        {
            var tag = TagOf(index, store);
            tags[tag.Name] = tag;
        }

        return tags;
    }

    private TagValue TagOf(int index, TagValueStore store)
    {
        ref readonly var tag = ref _tags[index];
        var at = tag.Nested ? _scalarLength + tag.Start : tag.Start;
        return new TagValue(tag.Name, store.Text.Slice(at, tag.Length), store, index);
    }

    private int[] NestedTags()
    {
        var indexes = new int[_nestedCount];
        var next = 0;
        for (var i = 0; next < indexes.Length; i++)
        {
            if (_tags[i].Nested)
            {
                indexes[next++] = i;
            }
        }

        return indexes;
    }

    /// <summary>Each tag's timestamp and oca, by its index in the reply.</summary>
    private (DateTimeOffset?[] Timestamps, long?[] Ocas) Stamps()
    {
        var timestamps = new DateTimeOffset?[_tagCount];
        var ocas = new long?[_tagCount];
        for (var i = 0; i < _tagCount; i++)
        {
            timestamps[i] = _tags[i].Timestamp;
            ocas[i] = _tags[i].Oca;
        }

        return (timestamps, ocas);
    }

    public void Dispose()
    {
        ArrayPool<PendingTag>.Shared.Return(_tags, clearArray: true);
        ArrayPool<byte>.Shared.Return(_scalars);
        ArrayPool<byte>.Shared.Return(_nested);
        _tags = [];
        _scalars = [];
        _nested = [];
    }

    private static void EnsureRoom(ref byte[] buffer, int length, int more)
    {
        if (length + more > buffer.Length)
        {
            Grow(ref buffer, Math.Max(buffer.Length * 2, length + more));
        }
    }

    private static void Grow<T>(ref T[] buffer, int size)
    {
        var larger = ArrayPool<T>.Shared.Rent(size);
        buffer.AsSpan().CopyTo(larger);
        ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        buffer = larger;
    }

    private readonly record struct PendingDevice(string Guid, List<string> Classes, int FirstTag, int TagCount);

    private readonly record struct PendingTag(string Name, int Start, int Length, bool Nested, DateTimeOffset? Timestamp, long? Oca);
}
