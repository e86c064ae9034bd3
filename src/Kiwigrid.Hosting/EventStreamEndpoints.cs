using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiwigrid.Hosting;

/// <summary>
/// <c>/api/events</c>: server-sent events for the dashboard (ASP.NET's own <c>ServerSentEvents</c> result, which flushes
/// each event). A <c>hello</c> with everything known, then a <c>snapshot</c> and a <c>status</c> event on every poll and
/// a <c>status</c> when the connection is lost, each sent the moment the watch reports it.
/// </summary>
internal static class EventStreamEndpoints
{
    /// <summary>How soon a browser's EventSource reconnects after the stream breaks.</summary>
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapEventStream(this IEndpointRouteBuilder routes, SiteFeed feed)
    {
        routes.MapGet("/api/events", (HttpContext context) =>
        {
            // A proxy such as nginx would otherwise hold the events back until its buffer fills.
            context.Response.Headers["X-Accel-Buffering"] = "no";

            // A stopping server ends the streams itself; Kestrel would otherwise wait for them until its shutdown timeout.
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            return TypedResults.ServerSentEvents(EventsAsync(feed, stopping, context.RequestAborted));
        });
        return routes;
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        SiteFeed feed, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted)
    {
        // Subscribed only once the stream is written, so a request that never gets that far leaves nothing behind.
        using var subscription = feed.Subscribe();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var first = true;
        while (await WaitAsync(subscription, ended.Token))
        {
            while (subscription.Events.TryRead(out var feedEvent))
            {
                yield return new SseItem<string>(feedEvent.Json, feedEvent.Name) { ReconnectionInterval = first ? ReconnectDelay : null };
                first = false;
            }
        }
    }

    /// <summary>Whether another event came; false once the browser went away or the server is stopping.</summary>
    private static async Task<bool> WaitAsync(SiteFeed.Subscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            return await subscription.Events.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
