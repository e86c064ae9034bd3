using System.Text.Json;

namespace Kiwigrid.Client;

public sealed partial class KiwigridClient
{
    /// <summary>The logged-in user as the user service describes it (raw JSON: the shape is not public).</summary>
    public Task<JsonElement> GetCurrentUserAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _users.GetCurrentUserAsync(cancellationToken);
    }

    /// <summary>The installed apps as the app service describes them (raw JSON: the shape is not public).</summary>
    public Task<JsonElement> GetAppsInfoAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _apps.GetAppsInfoAsync(cancellationToken);
    }
}
