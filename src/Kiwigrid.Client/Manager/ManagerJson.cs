using System.Text.Json;

namespace Kiwigrid.Client.Manager;

/// <summary>Reading a Manager's JSON answers, or saying which one was malformed.</summary>
internal static class ManagerJson
{
    /// <exception cref="KiwigridProtocolException">The body is not JSON of the expected kind.</exception>
    public static T Parse<T>(byte[] body, string path, JsonValueKind kind, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != kind)
            {
                throw new KiwigridProtocolException($"The SOLARWATT Manager's {path} is not a JSON {kind.ToString().ToLowerInvariant()}; its firmware may have changed the API.");
            }

            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new KiwigridProtocolException($"The SOLARWATT Manager's {path} is not valid JSON; its firmware may have changed the API.", ex);
        }
    }
}
