using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Services;

/// <summary><c>appservice.getAppsInfo</c>: the portal apps the user may open ([design] shape: not public).</summary>
internal sealed class AppService : IBusService
{
    public string Address => "appservice";

    public JsonNode? Handle(ServiceRequest request) => request.Action switch
    {
        "getAppsInfo" => new JsonObject
        {
            ["items"] = new JsonArray(
                App("kiwigrid.desktop", "Energy Manager Portal"),
                App("kiwigrid.energyflow", "Energy Flow")),
        },
        _ => throw ServiceFault.BadRequest($"appservice has no action '{request.Action}'."),
    };

    private static JsonObject App(string id, string name) => new()
    {
        ["appId"] = id,
        ["name"] = name,
        ["version"] = "1.0.0",
        ["channel"] = "solarwatt",
    };
}
