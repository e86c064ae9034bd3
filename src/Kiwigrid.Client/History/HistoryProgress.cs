namespace Kiwigrid.Client.History;

/// <summary>
/// How far a history fetch has come: a long span is fetched in several requests of at most 10,000 rows. Reported once
/// before the first request (no request completed) and after each.
/// </summary>
/// <param name="CompletedRequests">The requests answered so far.</param>
/// <param name="TotalRequests">The requests the whole span needs.</param>
public readonly record struct HistoryProgress(int CompletedRequests, int TotalRequests);
