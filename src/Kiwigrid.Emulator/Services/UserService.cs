using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Services;

/// <summary>
/// <c>userservice</c>: the calling user and the account list. The real reply shapes are not public; these are
/// [design], small and plausible. Account changes (<c>createUser</c>, <c>mergeUser</c>, <c>deleteUser</c>) are refused.
/// </summary>
internal sealed class UserService : IBusService
{
    public string Address => "userservice";

    public JsonNode? Handle(ServiceRequest request) => request.Action switch
    {
        "getCurrentUser" => User(request.UserId),
        "getUsers" => new JsonObject { ["offset"] = 0, ["limit"] = 50, ["total"] = 1, ["items"] = new JsonArray(User(request.UserId)) },
        "getChannel" => Channel(),
        "createUser" or "mergeUser" or "deleteUser" => throw new ServiceFault(403, $"The emulator does not let '{request.Action}' change accounts."),
        _ => throw ServiceFault.BadRequest($"userservice has no action '{request.Action}'."),
    };

    private static JsonObject User(string userId) => new()
    {
        ["id"] = userId,
        ["login"] = userId,
        ["email"] = userId.Contains('@', StringComparison.Ordinal) ? userId : null,
        ["channel"] = "solarwatt",
        ["locale"] = "de_DE",
        ["roles"] = new JsonArray("customer"),
        ["status"] = "ACTIVE",
    };

    private static JsonObject Channel() => new() { ["name"] = "solarwatt", ["displayName"] = "SOLARWATT" };
}
