using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Devices;

/// <summary>One tag value of an emulated device, as the cloud versions it.</summary>
/// <param name="Value">The value; <c>null</c> is common in real dumps.</param>
/// <param name="TimestampMs">When the value last changed, epoch milliseconds.</param>
/// <param name="Oca">The version, bumped on every change and echoed back by writers.</param>
/// <param name="Writable">Whether <c>mergeDevice</c> may change it (settings yes, measurements no).</param>
public sealed record EmulatedTag(JsonNode? Value, long TimestampMs, long Oca, bool Writable);
