using System.Text.Json;

namespace Kiwigrid.Client.EventBus;

/// <summary>
/// A message from the bridge, in either dialect: Vert.x 2 (<c>{"address","body"}</c>, no <c>type</c>) or Vert.x 3
/// (<c>type</c> <c>rec</c> or <c>err</c>; <c>err</c> with <c>failureCode</c>/<c>failureType</c>/<c>message</c>,
/// or without <c>address</c> for a bridge error such as <c>access_denied</c>).
/// </summary>
internal readonly struct EventBusInboundMessage
{
    private EventBusInboundMessage(string? type, string? address, EventBusBody body, int failureCode, string? failureType, string? failureMessage)
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

    /// <summary>The body, not yet read.</summary>
    public EventBusBody Body { get; }

    public int FailureCode { get; }

    public string? FailureType { get; }

    public string? FailureMessage { get; }

    /// <summary>A reply failure: an <c>err</c> that names the reply address it answers.</summary>
    public bool IsReplyFailure => Type == "err" && Address is not null;

    /// <summary>A bridge error: an <c>err</c> without address, which no request can be matched to.</summary>
    public bool IsBridgeError => Type == "err" && Address is null;

    /// <summary>A delivery to an address: a reply or a message for a registration.</summary>
    public bool IsDelivery => Type is null or "rec";

    /// <summary>Reads the envelope of one message's JSON text, which the body keeps (it must not change).</summary>
    /// <exception cref="KiwigridProtocolException">The message is not a JSON object, or a field has the wrong JSON type.</exception>
    public static EventBusInboundMessage Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return ReadEnvelope(json);
        }
        catch (JsonException e)
        {
            throw MalformedMessage.NotJson(e);
        }
        catch (InvalidOperationException e)
        {
            throw MalformedMessage.NotUnicode(e);
        }
    }

    private static EventBusInboundMessage ReadEnvelope(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new KiwigridProtocolException($"The bridge sent a message that is a JSON {KindOf(reader.TokenType)}; event-bus messages are JSON objects.");
        }

        var fields = new EnvelopeFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("body"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && fields.Address is not null)
                {
                    // Everything needed to route it is known: its reader reads the body, and the envelope's end after it.
                    fields.Body = EventBusBody.Unread(json, start);
                    return fields.ToMessage();
                }

                reader.Skip();
                fields.Body = EventBusBody.Checked(json[start..(int)reader.BytesConsumed]);
            }
            else
            {
                fields.Read(ref reader);
            }
        }

        // Past the object's end only whitespace may follow; the reader throws on anything else.
        while (reader.Read())
        {
        }

        return fields.ToMessage();
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };

    /// <summary>The envelope's fields as they are read, in whatever order they come.</summary>
    private struct EnvelopeFields
    {
        private bool _hasFailureField;
        private JsonValueKind? _nonIntegerFailureCode;
        private string? _failureFieldProblem;
        private int _failureCode;
        private string? _type;
        private string? _failureType;
        private string? _failureMessage;

        public string? Address { get; private set; }

        public EventBusBody Body { get; set; }

        /// <summary>Reads the field whose name the reader is on, or skips it.</summary>
        public void Read(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                _type = OptionalString(ref reader, "type");
            }
            else if (reader.ValueTextEquals("address"u8))
            {
                Address = OptionalString(ref reader, "address");
            }
            else if (reader.ValueTextEquals("failureType"u8))
            {
                _hasFailureField = true;
                _failureType = FailureString(ref reader, "failureType");
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                _failureMessage = FailureString(ref reader, "message");
            }
            else if (reader.ValueTextEquals("failureCode"u8))
            {
                _hasFailureField = true;
                reader.Read();
                if (!(reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out _failureCode)))
                {
                    _nonIntegerFailureCode = KindOf(reader.TokenType);
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        public readonly EventBusInboundMessage ToMessage()
        {
            // Vert.x 2 sends reply failures without a type ({"address","failureCode","failureType","message"}); read
            // them as the "err" they are, or a NO_HANDLERS would pass for a reply without body.
            var type = _type is null && _hasFailureField ? "err" : _type;
            if (type != "err")
            {
                return new(type, Address, Body, 0, null, null);
            }

            if (_failureFieldProblem is not null)
            {
                throw new KiwigridProtocolException(_failureFieldProblem);
            }

            if (_nonIntegerFailureCode is { } kind)
            {
                throw new KiwigridProtocolException($"The bridge sent an error whose failureCode is a JSON {kind}, not an integer.");
            }

            return new(type, Address, Body, _failureCode, _failureType, _failureMessage);
        }

        /// <summary>A field only an error needs: a wrong type is held against the message only if it is one.</summary>
        private string? FailureString(ref Utf8JsonReader reader, string name)
        {
            reader.Read();
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            _failureFieldProblem ??= WrongType(name, reader.TokenType);
            reader.Skip();
            return null;
        }

        private static string WrongType(string name, JsonTokenType token) =>
            $"The bridge sent a message whose '{name}' is a JSON {KindOf(token)}, not a string.";

        private static string? OptionalString(ref Utf8JsonReader reader, string name)
        {
            reader.Read();
            return reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => reader.GetString(),
                _ => throw new KiwigridProtocolException(WrongType(name, reader.TokenType)),
            };
        }
    }
}
