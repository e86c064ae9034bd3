using System.Text.Json;

namespace Kiwigrid.Client.Manager;

/// <summary>Reading a Manager's JSON answers, or saying which one was malformed.</summary>
internal static class ManagerJson
{
    /// <exception cref="KiwigridProtocolException">The body is not JSON of the expected kind.</exception>
    public static T Parse<T>(byte[] body, string path, JsonValueKind kind, Func<JsonElement, T> read) =>
        JsonAnswer.Parse(body, $"The SOLARWATT Manager's {path}", kind, read, "its firmware may have changed the API");
}
