using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Bus;

/// <summary>The SockJS endpoint at <c>/kiwibus</c> (PROTOCOL.md §3): greeting, <c>/info</c> and the WebSocket transport.</summary>
internal static class SockJsEndpoints
{
    public static IEndpointRouteBuilder MapBus(this IEndpointRouteBuilder routes)
    {
        var bus = routes.MapGroup("/kiwibus");
        bus.MapGet("/", () => Results.Text("Welcome to SockJS!\n", "text/plain; charset=UTF-8"));
        bus.MapGet("/info", Info);
        bus.MapGet("/{server}/{session}/websocket", WebSocketAsync);
        return routes;
    }

    private static IResult Info(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store, no-cache, no-transform, must-revalidate, max-age=0";
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return JsonResponse.Of(new JsonObject
        {
            ["websocket"] = true,
            ["cookie_needed"] = false,
            ["origins"] = new JsonArray("*:*"),
            ["entropy"] = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)),
        });
    }

    private static async Task<IResult> WebSocketAsync(
        HttpContext context, string server, string session, EventBusBridge bridge, EmulatorOptions options, ILoggerFactory loggers, IHostApplicationLifetime lifetime)
    {
        // SockJS: server and session ids must not contain a dot.
        if (server.Contains('.', StringComparison.Ordinal) || session.Contains('.', StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            // sockjs-node's answer to a plain GET on the WebSocket transport.
            return Results.Text("Can \"Upgrade\" only to \"WebSocket\".", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var connection = new SockJsSession(socket, bridge, options, loggers.CreateLogger<SockJsSession>(), context.TraceIdentifier);

        // A stopping server ends its sessions itself; Kestrel would otherwise wait for them until its shutdown timeout.
        using var stopping = lifetime.ApplicationStopping.Register(connection.Shutdown);
        await connection.RunAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }
}
