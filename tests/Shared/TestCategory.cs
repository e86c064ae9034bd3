namespace Kiwigrid.Testing;

/// <summary>
/// The <c>Category</c> trait of tests that need more than the .NET SDK or take long, so
/// <c>dotnet test --filter "Category!=Browser&amp;…"</c> leaves them out of a quick run (README, "Tests").
/// </summary>
internal static class TestCategory
{
    public const string Name = "Category";

    /// <summary>Drives Debian's headless Chromium through Playwright.</summary>
    public const string Browser = "Browser";

    /// <summary>Starts a Mosquitto broker or a Prometheus server (or runs promtool).</summary>
    public const string Broker = "Broker";

    /// <summary>Runs Debian's <c>jq</c>, the filter language integrations such as evcc apply to what they read.</summary>
    public const string Jq = "Jq";

    /// <summary>Runs Debian's <c>systemd-analyze</c> on the systemd unit in <c>deploy/systemd</c>.</summary>
    public const string Systemd = "Systemd";

    /// <summary>Runs a Node.js peer from <c>tests/peers</c>.</summary>
    public const string Node = "Node";

    /// <summary>Takes more than about five seconds without needing any of the above.</summary>
    public const string Slow = "Slow";
}
