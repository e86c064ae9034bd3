using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kiwigrid.Emulator.Hems;

/// <summary>HEMS answers written straight with <see cref="Utf8JsonWriter"/>: no reflection, no intermediate document.</summary>
internal static class HemsJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Write(Action<Utf8JsonWriter> body, int statusCode = StatusCodes.Status200OK)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            body(writer);
        }

        return Results.Text(buffer.WrittenSpan, "application/json; charset=utf-8", statusCode);
    }

    /// <summary>The small error body every refusal carries (our design: the real API's error body is not public).</summary>
    public static IResult Error(int statusCode, string error, string message) => Write(
        w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("message", message);
            w.WriteEndObject();
        },
        statusCode);

    /// <summary>A number, or null where there is none.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
