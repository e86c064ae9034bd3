using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Hosting;

/// <summary>JSON HTTP answers written from <see cref="JsonNode"/>s, without reflection-based serialization.</summary>
internal static class JsonResponse
{
    /// <summary>Non-ASCII stays readable; the HTTP body is UTF-8.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Of(JsonNode body, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Relaxed), "application/json; charset=utf-8", statusCode: statusCode);

    public static IResult Error(int statusCode, string error, string message) =>
        Of(new JsonObject { ["error"] = error, ["message"] = message }, statusCode);
}
