using System.Text.Json;

namespace Kiwigrid.Client.Services;

/// <summary>The <c>userservice</c>. Its reply shapes are not public, so results stay raw JSON.</summary>
internal sealed class UserService(ServiceRequester requester)
{
    /// <summary>The event-bus address.</summary>
    internal const string Address = "userservice";

    /// <summary>The logged-in user's document.</summary>
    public Task<JsonElement> GetCurrentUserAsync(CancellationToken cancellationToken) =>
        requester.RequestAsync(Address, "getCurrentUser", [], cancellationToken);
}
