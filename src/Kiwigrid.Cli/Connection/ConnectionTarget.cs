using Kiwigrid.Client;

namespace Kiwigrid.Cli.Connection;

/// <summary>Where a command reads from: exactly one of a cloud (with its client options) or a local Energy Manager.</summary>
internal sealed record ConnectionTarget(KiwigridClientOptions? Cloud, Uri? LocalEnergyManager)
{
    /// <summary>For messages: the server the command talks to.</summary>
    public string Describe() => LocalEnergyManager is { } local
        ? $"the Energy Manager at {local}"
        : $"the login server at {Cloud!.AuthBaseUri}";
}
