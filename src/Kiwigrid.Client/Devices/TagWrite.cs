using System.Text.Json.Nodes;

namespace Kiwigrid.Client.Devices;

/// <summary>A value to write to a tag, with the version (<c>oca</c>) read before; a stale version is rejected.</summary>
/// <param name="Value">The new value (a number, string, bool, object, … or null).</param>
/// <param name="Oca">The tag's current <c>oca</c> as last read; null sends none.</param>
public sealed record TagWrite(JsonNode? Value, long? Oca);
