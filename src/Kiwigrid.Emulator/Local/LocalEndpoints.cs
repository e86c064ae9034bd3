using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Local;

/// <summary>The local Energy Manager's LAN endpoint (PROTOCOL.md §6): all devices, no authentication, no paging.</summary>
internal static class LocalEndpoints
{
    public static IEndpointRouteBuilder MapLocal(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/rest/kiwigrid/wizard/devices", (ISite site) =>
        {
            site.Update();
            var items = new JsonArray();
            foreach (var device in site.Devices.ToDocuments(cloudShape: false))
            {
                items.Add((JsonNode)device);
            }

            return JsonResponse.Of(new JsonObject { ["result"] = new JsonObject { ["items"] = items } });
        });
        return routes;
    }
}
