using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kiwigrid.Emulator.Manager;

/// <summary>How the Manager's answers are written: HTML pages, JSON straight from a <see cref="Utf8JsonWriter"/>, empty refusals.</summary>
internal static class ManagerAnswers
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task HtmlAsync(HttpContext context, string html, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    public static async Task JsonAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            body(writer);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task StatusAsync(HttpContext context, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        return Task.CompletedTask;
    }
}
