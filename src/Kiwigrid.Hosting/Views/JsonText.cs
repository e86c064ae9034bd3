using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kiwigrid.Hosting.Views;

/// <summary>JSON written to a string with <see cref="Utf8JsonWriter"/>: the one writer for the commands and the server.</summary>
internal static class JsonText
{
    // Printed for people and scripts, and served to our own dashboard, never embedded in HTML: "Küche" and "+01:00"
    // stay as they are, not \u-escaped.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes JSON to a string with <paramref name="write"/>, indented unless <paramref name="indented"/> is false.</summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes compact JSON to a string with <paramref name="write"/>: the server's answers and events.</summary>
    public static string WriteCompact(Action<Utf8JsonWriter> write) => Write(write, indented: false);
}
