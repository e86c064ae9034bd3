using System.Text.Json;
using System.Text.Json.Nodes;

using Kiwigrid.Client.Devices;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Services;

/// <summary>The <c>deviceservice</c>: device lists (paged until complete), tag writes and deletion.</summary>
internal sealed partial class DeviceService(ServiceRequester requester, ILogger logger)
{
    /// <summary>The event-bus address.</summary>
    internal const string Address = "deviceservice";

    /// <summary>The page size; the service's own default.</summary>
    internal const int PageSize = 50;

    /// <summary>Fetches every device the query selects, one page of <see cref="PageSize"/> after another.</summary>
    public async Task<IReadOnlyList<Device>> GetDevicesAsync(DeviceQuery query, CancellationToken cancellationToken)
    {
        var devices = new List<Device>();
        var wanted = query.Limit ?? int.MaxValue;
        var offset = query.Offset;
        while (devices.Count < wanted)
        {
            var limit = Math.Min(PageSize, wanted - devices.Count);
            var page = await requester.RequestAsync(Address, "getDevices", query.ToParams(offset, limit), DevicePage.Read, cancellationToken).ConfigureAwait(false);
            var count = page.Devices.Count;
            var total = page.Total;
            devices.AddRange(page.Devices.Take(wanted - devices.Count));
            offset += count;
            LogPage(logger, count, offset, total);

            // An empty page ends the loop even if "total" promises more, so a confused server cannot spin us.
            if (count == 0 || (total is { } t ? offset >= t : count < limit))
            {
                break;
            }
        }

        return devices;
    }

    /// <summary>Writes tag values; the reply tells which were accepted (with new <c>oca</c>) and which not.</summary>
    public async Task<MergeResult> MergeDeviceAsync(string guid, IReadOnlyDictionary<string, TagWrite> values, CancellationToken cancellationToken)
    {
        var tagValues = new JsonObject();
        foreach (var (name, write) in values)
        {
            var tag = new JsonObject { ["value"] = write.Value?.DeepClone() };
            if (write.Oca is { } oca)
            {
                tag["oca"] = oca;
            }

            tagValues[name] = tag;
        }

        var parameters = new JsonObject { ["deviceId"] = guid, ["tagValues"] = tagValues };
        var result = await requester.RequestAsync(Address, "mergeDevice", parameters, cancellationToken).ConfigureAwait(false);
        return ReadMergeResult(result);
    }

    /// <summary>Deletes a device.</summary>
    public Task DeleteDeviceAsync(string guid, CancellationToken cancellationToken) =>
        requester.RequestAsync(Address, "deleteDevice", new JsonObject { ["deviceId"] = guid }, cancellationToken);

    private static MergeResult ReadMergeResult(JsonElement result)
    {
        // Documented shape: result.value.{tagValues,failedTagValues}; tolerate the two lists one level up.
        var outcome = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("value", out var value) ? value : result;
        var accepted = new Dictionary<string, TagValue>(StringComparer.Ordinal);
        var failed = new Dictionary<string, FailedTagWrite>(StringComparer.Ordinal);
        if (outcome.ValueKind != JsonValueKind.Object)
        {
            throw new KiwigridProtocolException("deviceservice.mergeDevice answered without a result object.");
        }

        if (outcome.TryGetProperty("tagValues", out var ok) && ok.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in ok.EnumerateObject())
            {
                accepted[tag.Name] = DeviceParser.ParseTag(tag.Name, tag.Value);
            }
        }

        if (outcome.TryGetProperty("failedTagValues", out var rejected) && rejected.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in rejected.EnumerateObject())
            {
                var reason = tag.Value.ValueKind == JsonValueKind.Object && tag.Value.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String
                    ? r.GetString()
                    : null;
                failed[tag.Name] = new FailedTagWrite(tag.Name, reason, tag.Value);
            }
        }

        return new MergeResult(accepted, failed);
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "getDevices page: {Count} devices, next offset {Offset}, total {Total}")]
    private static partial void LogPage(ILogger logger, int count, int offset, int? total);
}
