namespace Kiwigrid.Hosting;

/// <summary>One server-sent event for the dashboard: its type and its JSON data (one line).</summary>
internal sealed record FeedEvent(string Name, string Json);
