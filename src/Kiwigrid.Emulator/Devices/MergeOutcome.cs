using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Devices;

/// <summary>What <c>mergeDevice</c> did: the accepted tags with their new versions, and the rejected ones.</summary>
/// <param name="Accepted">Tag name → tag value document (<c>tagName</c>, <c>guid</c>, <c>value</c>, <c>timestamp</c>, <c>oca</c>).</param>
/// <param name="Failed">Tag name → the rejected request with a <c>reason</c>.</param>
public sealed record MergeOutcome(JsonObject Accepted, JsonObject Failed);
