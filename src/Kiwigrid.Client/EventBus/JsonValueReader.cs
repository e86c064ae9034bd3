using System.Text.Json;

namespace Kiwigrid.Client.EventBus;

/// <summary>
/// Reads one JSON value straight from its text. The reader is on the value's first token and must be left on its last
/// (as <see cref="Utf8JsonReader.Skip"/> leaves it); token positions index <paramref name="source"/>, so what is read
/// may keep slices of it.
/// </summary>
/// <exception cref="KiwigridProtocolException">The value is valid JSON but not what was expected.</exception>
internal delegate T JsonValueReader<out T>(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source);
