using System.Text.Json;

namespace Kiwigrid.Client.Devices;

/// <summary>A tag the server did not write.</summary>
/// <param name="TagName">The tag.</param>
/// <param name="Reason">Why, when the server says (e.g. a stale <c>oca</c> or a read-only tag).</param>
/// <param name="Document">The server's entry for the tag as sent.</param>
public sealed record FailedTagWrite(string TagName, string? Reason, JsonElement Document);
