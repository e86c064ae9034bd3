using System.Text.Json;

namespace Kiwigrid.Client.EventBus;

/// <summary>
/// A message from the bridge, in either dialect: Vert.x 2 (<c>{"address","body"}</c>, no <c>type</c>) or Vert.x 3
/// (<c>type</c> <c>rec</c> or <c>err</c>; <c>err</c> with <c>failureCode</c>/<c>failureType</c>/<c>message</c>,
/// or without <c>address</c> for a bridge error such as <c>access_denied</c>).
/// </summary>
internal readonly struct EventBusInboundMessage
{
    private EventBusInboundMessage(string? type, string? address, JsonElement body, int failureCode, string? failureType, string? failureMessage)
    {
        Type = type;
        Address = address;
        Body = body;
        FailureCode = failureCode;
        FailureType = failureType;
        FailureMessage = failureMessage;
    }

    /// <summary><c>rec</c>, <c>err</c> (also for a Vert.x 2 failure), another Vert.x type, or null for a Vert.x 2 delivery.</summary>
    public string? Type { get; }

    public string? Address { get; }

    /// <summary>The body; <see cref="JsonValueKind.Undefined"/> when the message has none.</summary>
    public JsonElement Body { get; }

    public int FailureCode { get; }

    public string? FailureType { get; }

    public string? FailureMessage { get; }

    /// <summary>A reply failure: an <c>err</c> that names the reply address it answers.</summary>
    public bool IsReplyFailure => Type == "err" && Address is not null;

    /// <summary>A bridge error: an <c>err</c> without address, which no request can be matched to.</summary>
    public bool IsBridgeError => Type == "err" && Address is null;

    /// <summary>A delivery to an address: a reply or a message for a registration.</summary>
    public bool IsDelivery => Type is null or "rec";

    /// <exception cref="KiwigridProtocolException">A field has the wrong JSON type.</exception>
    public static EventBusInboundMessage Parse(JsonElement message)
    {
        try
        {
            return ParseFields(message);
        }
        catch (InvalidOperationException e)
        {
            // A name or string holding a lone surrogate escape (\ud800) has no .NET string form.
            throw new KiwigridProtocolException($"The bridge sent a message with text that is not valid Unicode: {e.Message}", e);
        }
    }

    private static EventBusInboundMessage ParseFields(JsonElement message)
    {
        var type = OptionalString(message, "type");
        var address = OptionalString(message, "address");
        var body = message.TryGetProperty("body"u8, out var b) ? b : default;

        // Vert.x 2 sends reply failures without a type ({"address","failureCode","failureType","message"}); read
        // them as the "err" they are, or a NO_HANDLERS would pass for a reply without body.
        if (type is null && (message.TryGetProperty("failureType"u8, out _) || message.TryGetProperty("failureCode"u8, out _)))
        {
            type = "err";
        }

        if (type != "err")
        {
            return new(type, address, body, 0, null, null);
        }

        var failureCode = 0;
        if (message.TryGetProperty("failureCode"u8, out var code) && !(code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out failureCode)))
        {
            throw new KiwigridProtocolException($"The bridge sent an error whose failureCode is a JSON {code.ValueKind}, not an integer.");
        }

        return new(type, address, body, failureCode, OptionalString(message, "failureType"), OptionalString(message, "message"));
    }

    private static string? OptionalString(JsonElement message, string name)
    {
        if (!message.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new KiwigridProtocolException($"The bridge sent a message whose '{name}' is a JSON {value.ValueKind}, not a string.");
    }
}
