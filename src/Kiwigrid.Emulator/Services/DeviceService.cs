using System.Text.Json.Nodes;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Query;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Services;

/// <summary><c>deviceservice</c>: <c>getDevices</c>, <c>mergeDevice</c>, <c>deleteDevice</c> over the site's devices.</summary>
internal sealed class DeviceService(ISite site, EmulatorOptions options) : IBusService
{
    public string Address => "deviceservice";

    public JsonNode? Handle(ServiceRequest request) => request.Action switch
    {
        "getDevices" => GetDevices(request),
        "mergeDevice" => MergeDevice(request),
        "deleteDevice" => DeleteDevice(request),
        _ => throw ServiceFault.BadRequest($"deviceservice has no action '{request.Action}'."),
    };

    private JsonObject GetDevices(ServiceRequest request)
    {
        DeviceQuery query;
        try
        {
            query = DeviceQuery.Parse(request.Params);
        }
        catch (InvalidQueryException invalid)
        {
            throw ServiceFault.BadRequest(invalid.Message);
        }

        site.Update();
        return query.Execute(site.Devices.ToDocuments(cloudShape: true));
    }

    /// <summary>
    /// The tags to write are read from <c>params.tagValues</c>, else <c>params.device.tagValues</c>, else the
    /// request's <c>body.tagValues</c> ([design]: PROTOCOL.md §5 shows the params and the body separately).
    /// </summary>
    private JsonObject MergeDevice(ServiceRequest request)
    {
        var deviceId = request.RequiredString("deviceId");
        var tagValues = request.Params["tagValues"] ?? request.Params["device"]?["tagValues"] ?? request.Body["body"]?["tagValues"];
        if (tagValues is not JsonObject requested || requested.Count == 0)
        {
            throw ServiceFault.BadRequest("mergeDevice needs tagValues: an object of tag name → {\"value\",\"oca\"}.");
        }

        site.Update();
        var outcome = site.Devices.Merge(deviceId, requested, options.TimeProvider.GetUtcNow())
            ?? throw ServiceFault.NotFound($"There is no device '{deviceId}'.");
        return new JsonObject
        {
            ["value"] = new JsonObject
            {
                ["guid"] = deviceId,
                ["tagValues"] = outcome.Accepted,
                ["failedTagValues"] = outcome.Failed,
            },
        };
    }

    private JsonObject DeleteDevice(ServiceRequest request)
    {
        var deviceId = request.RequiredString("deviceId");
        return site.Devices.Remove(deviceId)
            ? new JsonObject { ["deviceId"] = deviceId }
            : throw ServiceFault.NotFound($"There is no device '{deviceId}'.");
    }
}
