namespace Kiwigrid.Emulator.Hosting;

/// <summary>How the emulated event-bus bridge shapes the messages it sends to clients.</summary>
public enum EventBusDialect
{
    /// <summary>
    /// Kiwigrid's Vert.x 2 fork, as captured from the real cloud: <c>{"address":…,"body":…}</c> without a
    /// <c>type</c>, reply failures without <c>type</c> either, and no bridge errors at all.
    /// </summary>
    VertX2,

    /// <summary>
    /// Vert.x 3: <c>{"type":"rec",…}</c>, reply failures <c>{"type":"err","address":…,"failureType":…}</c> and bridge
    /// errors <c>{"type":"err","body":"access_denied"}</c>.
    /// </summary>
    VertX3,
}
