using System.Diagnostics;
using System.Text.Json;


namespace Kiwigrid.Client.EventBus;

/// <summary>
/// The body of an inbound message, kept as the message's UTF-8 text until the code waiting for it reads it. A large
/// reply is so read once, by the code that knows what it holds, instead of once into a document and again from it.
/// </summary>
/// <remarks>
/// A body that follows the address (as every Vert.x bridge sends it) is not even skipped when the envelope is read: the
/// envelope after it is checked once the body has been read.
/// </remarks>
internal readonly struct EventBusBody
{
    /// <summary>Starts with the body; for a body read later, the rest of the envelope follows it.</summary>
    private readonly ReadOnlyMemory<byte> _json;

    /// <summary>The whole message, for a body read later; empty when the body has been checked already.</summary>
    private readonly ReadOnlyMemory<byte> _message;

    private EventBusBody(ReadOnlyMemory<byte> json, ReadOnlyMemory<byte> message)
    {
        _json = json;
        _message = message;
    }

    /// <summary>Whether the message has a body.</summary>
    public bool IsPresent => !_json.IsEmpty;

    /// <summary>A body that is exactly <paramref name="json"/>, already known to be valid JSON.</summary>
    public static EventBusBody Checked(ReadOnlyMemory<byte> json) => new(json, default);

    /// <summary>An object or array body starting at <paramref name="start"/> in <paramref name="message"/>, not yet read.</summary>
    public static EventBusBody Unread(ReadOnlyMemory<byte> message, int start) => new(message[start..], message);

    /// <summary>Reads the body with <paramref name="read"/>.</summary>
    /// <exception cref="KiwigridProtocolException">The message is not valid JSON, or <paramref name="read"/> refused the body.</exception>
    /// <exception cref="InvalidOperationException">There is no body (check <see cref="IsPresent"/> first).</exception>
    public T Read<T>(JsonValueReader<T> read)
    {
        if (!IsPresent)
        {
            throw new InvalidOperationException("The message has no body.");
        }

        var reader = new Utf8JsonReader(_json.Span);
        try
        {
            reader.Read();
            var value = read(ref reader, _json);
            Debug.Assert(reader.CurrentDepth == 0, "A body reader must leave the reader on the body's last token.");
            CheckEnvelopeAfter(StructuralSkip.TokenEnd(reader, _json.Span));
            return value;
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

    /// <summary>The body as a <see cref="JsonElement"/> that owns its memory; Undefined when there is none.</summary>
    /// <exception cref="KiwigridProtocolException">The message is not valid JSON.</exception>
    public JsonElement ToElement() => IsPresent ? Read(static (ref reader, _) => JsonElement.ParseValue(ref reader)) : default;

    /// <summary>For a body read later: the envelope after it must close the message.</summary>
    private void CheckEnvelopeAfter(int bodyLength)
    {
        if (_message.IsEmpty)
        {
            return;
        }

        // The usual end is a lone '}'; anything else (more fields, or garbage) gets the whole message read once more.
        var rest = _json.Span[bodyLength..].Trim(" \t\r\n"u8);
        if (rest.Length == 1 && rest[0] == (byte)'}')
        {
            return;
        }

        var reader = new Utf8JsonReader(_message.Span);
        reader.Read();
        reader.Skip();
        while (reader.Read())
        {
        }
    }
}
