using System.Text.Json.Nodes;

using Kiwigrid.Client.Auth;
using Kiwigrid.Client.Tests.Devices;
using Kiwigrid.Client.Tests.Services;

namespace Kiwigrid.Client.Tests.History;

/// <summary>Tokens that look like secrets, a new one per login, so a test can search messages for them.</summary>
internal sealed class SecretTokens : IAccessTokenSource
{
    public AccessToken Current { get; private set; } = new(Token(1));

    public int Renewals { get; private set; }

    public static string Token(int login) => $"s3cr3t-t0ken-{login}-do-not-print";

    public Task<AccessToken> RenewAsync(AccessToken expired, CancellationToken cancellationToken)
    {
        Renewals++;
        Current = new AccessToken(Token(Renewals + 1));
        return Task.FromResult(Current);
    }
}

/// <summary>A client whose event bus serves one real device dump and whose history comes from a fake export backend.</summary>
internal static class HistoryClient
{
    public const string BatteryFlexSite = "solarwatt-em-batteryflex.json";

    public static KiwigridClient Create(FakeExportBackend backend, SecretTokens tokens, string deviceDump = BatteryFlexSite, KiwigridClientOptions? options = null) =>
        Create(backend.BaseUri, tokens, deviceDump, options);

    public static KiwigridClient Create(Uri exportBase, SecretTokens tokens, string deviceDump = BatteryFlexSite, KiwigridClientOptions? options = null)
    {
        var bus = new FakeBus((_, body) => (string?)body["action"] == "getDevices" ? Page(deviceDump, body["params"]!) : FakeBus.Error(400, "unknown action"));
        var settings = (options ?? KiwigridClientOptions.Default) with { ExportBaseUri = exportBase };
        return new KiwigridClient(bus, bus, tokens, null, settings);
    }

    private static JsonObject Page(string file, JsonNode parameters)
    {
        var items = JsonNode.Parse(Fixtures.Items(file).GetRawText())!.AsArray();
        var offset = (int)parameters["offset"]!;
        var limit = (int)parameters["limit"]!;
        var page = new JsonArray([.. items.Skip(offset).Take(limit).Select(i => i!.DeepClone())]);
        return FakeBus.Ok(new JsonObject { ["offset"] = offset, ["limit"] = limit, ["total"] = items.Count, ["items"] = page });
    }
}
