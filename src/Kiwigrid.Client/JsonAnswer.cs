using System.Text.Json;

namespace Kiwigrid.Client;

/// <summary>Reading a JSON answer of an HTTP API (today's cloud, the Manager flex), or saying which one was malformed.</summary>
internal static class JsonAnswer
{
    /// <summary>Parses <paramref name="body"/> and reads its root of the expected <paramref name="kind"/>.</summary>
    /// <param name="body">The answer's bytes.</param>
    /// <param name="answer">What answered, for the message, e.g. <c>The HEMS API's /battery</c>.</param>
    /// <param name="kind">The root's expected kind.</param>
    /// <param name="read">Reads the root.</param>
    /// <param name="likelyCause">Why it may be malformed, e.g. <c>the API may have changed</c>.</param>
    /// <exception cref="KiwigridProtocolException">The body is not JSON of the expected kind.</exception>
    public static T Parse<T>(byte[] body, string answer, JsonValueKind kind, Func<JsonElement, T> read, string likelyCause)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != kind)
            {
                throw new KiwigridProtocolException($"{answer} is not a JSON {kind.ToString().ToLowerInvariant()}; {likelyCause}.");
            }

            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new KiwigridProtocolException($"{answer} is not valid JSON; {likelyCause}.", ex);
        }
    }
}
