using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Bus;

/// <summary>The SockJS endpoint at <c>/kiwibus</c> (PROTOCOL.md §3): greeting, <c>/info</c> and the WebSocket transport.</summary>
internal static class SockJsEndpoints
{
    public static IEndpointRouteBuilder MapBus(this IEndpointRouteBuilder routes)
    {
        var bus = routes.MapGroup("/kiwibus");
        bus.MapGet("/", (HttpContext context) => WriteAsync(context, "text/plain; charset=UTF-8", "Welcome to SockJS!\n"));
        bus.MapGet("/info", Info);
        bus.MapGet("/{server}/{session}/websocket", WebSocketAsync);
        return routes;
    }

    private static Task Info(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store, no-cache, no-transform, must-revalidate, max-age=0";

        // CORS as sockjs-node and Vert.x answer it: a page's origin is echoed and may send credentials.
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            origin = "*";
        }
        else
        {
            headers.AccessControlAllowCredentials = "true";
        }

        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        if (context.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } requested)
        {
            headers.AccessControlAllowHeaders = requested;
        }

        var body = new JsonObject
        {
            ["websocket"] = true,
            ["cookie_needed"] = false,
            ["origins"] = new JsonArray("*:*"),
            ["entropy"] = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)),
        };
        return WriteAsync(context, "application/json; charset=UTF-8", body.ToJsonString(JsonResponse.Relaxed));
    }

    /// <summary>
    /// Writes a body with exactly this Content-Type: the SockJS protocol tests compare it as a string with what
    /// sockjs-node and Vert.x send (<c>charset=UTF-8</c>), which ASP.NET's text results would rewrite as <c>utf-8</c>.
    /// </summary>
    private static Task WriteAsync(HttpContext context, string contentType, string body)
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, Encoding.UTF8);
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
