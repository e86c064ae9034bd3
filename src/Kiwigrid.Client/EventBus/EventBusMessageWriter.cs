using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.Client.EventBus;

/// <summary>
/// Writes the client's event-bus messages as UTF-8 JSON, field for field as captured on the wire.
/// </summary>
/// <remarks>
/// <c>send</c> follows the Kiwigrid capture — <c>type, address, replyAddress, body</c> — the authority for what the
/// Kiwigrid (Vert.x 2) bridge has seen. The other types follow Kiwigrid's Vert.x 2 front-end library, which sends no
/// <c>headers</c>: <c>publish</c> is <c>type, address, body</c>, <c>register</c>/<c>unregister</c> are
/// <c>type, address</c>. The Vert.x 3 JavaScript client adds an empty <c>"headers":{}</c> that carries nothing and
/// that Vert.x 3 treats as optional, so we leave it out. Strings are escaped like <c>JSON.stringify</c>: quotes and
/// control characters only, non-ASCII text kept as UTF-8.
/// </remarks>
internal static class EventBusMessageWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Ping() => "{\"type\":\"ping\"}"u8.ToArray();

    public static byte[] Send(string address, string replyAddress, JsonObject body) => Write(writer =>
    {
        writer.WriteString("type"u8, "send"u8);
        writer.WriteString("address"u8, address);
        writer.WriteString("replyAddress"u8, replyAddress);
        writer.WritePropertyName("body"u8);
        body.WriteTo(writer);
    });

    public static byte[] Publish(string address, JsonObject body) => Write(writer =>
    {
        writer.WriteString("type"u8, "publish"u8);
        writer.WriteString("address"u8, address);
        writer.WritePropertyName("body"u8);
        body.WriteTo(writer);
    });

    public static byte[] Register(string address) => Write(writer =>
    {
        writer.WriteString("type"u8, "register"u8);
        writer.WriteString("address"u8, address);
    });

    public static byte[] Unregister(string address) => Write(writer =>
    {
        writer.WriteString("type"u8, "unregister"u8);
        writer.WriteString("address"u8, address);
    });

    private static byte[] Write(Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
