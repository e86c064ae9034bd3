using System.Text.Json;

namespace Kiwigrid.Client.EventBus;

/// <summary>The protocol errors for a message whose text cannot be read, whether in its envelope or in its body.</summary>
internal static class MalformedMessage
{
    public static KiwigridProtocolException NotJson(JsonException e) =>
        new($"The bridge sent a message that is not valid JSON: {e.Message}", e);

    /// <summary>A name or string holding a lone surrogate escape (<c>\ud800</c>) has no .NET string form.</summary>
    public static KiwigridProtocolException NotUnicode(InvalidOperationException e) =>
        new($"The bridge sent a message with text that is not valid Unicode: {e.Message}", e);
}
