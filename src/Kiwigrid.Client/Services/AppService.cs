using System.Text.Json;

namespace Kiwigrid.Client.Services;

/// <summary>The <c>appservice</c>. Its reply shapes are not public, so results stay raw JSON.</summary>
internal sealed class AppService(ServiceRequester requester)
{
    /// <summary>The event-bus address.</summary>
    internal const string Address = "appservice";

    /// <summary>What the portal knows about the installed apps.</summary>
    public Task<JsonElement> GetAppsInfoAsync(CancellationToken cancellationToken) =>
        requester.RequestAsync(Address, "getAppsInfo", [], cancellationToken);
}
