namespace Kiwigrid.Client.EventBus;

/// <summary>A bridge error without address (e.g. <c>access_denied</c>): it cannot be matched to a request.</summary>
internal sealed class BridgeErrorEventArgs(string error) : EventArgs
{
    /// <summary>What the bridge said, e.g. <c>access_denied</c>.</summary>
    public string Error { get; } = error;
}
