using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using Kiwigrid.Client.Devices;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.IntegrationTests.Support;

/// <summary>A replayed dump of <see cref="Count"/> devices, more than two pages of the device service's 50.</summary>
internal static class ManyDevices
{
    public const int Count = 120;

    /// <summary>Device i: guid <c>urn:test:device:007</c>, named <c>Meter 007</c> (even i) or <c>Plug 007</c> (odd i).</summary>
    public static string Guid(int i) => "urn:test:device:" + i.ToString("000", CultureInfo.InvariantCulture);

    public static string Name(int i) => (i % 2 == 0 ? "Meter " : "Plug ") + i.ToString("000", CultureInfo.InvariantCulture);

    public static ReplaySite Site(TimeProvider clock)
    {
        var items = new JsonArray();
        for (var i = 0; i < Count; i++)
        {
            var specific = i % 2 == 0 ? DeviceClassNames.PowerMeter : DeviceClassNames.Plug;
            items.Add(new JsonObject
            {
                ["guid"] = Guid(i),
                ["deviceModel"] = new JsonArray(new JsonObject { ["deviceClass"] = DeviceClassNames.Device }, new JsonObject { ["deviceClass"] = specific }),
                ["tagValues"] = new JsonObject
                {
                    ["IdName"] = new JsonObject { ["tagName"] = "IdName", ["guid"] = Guid(i), ["value"] = Name(i) },
                    ["PowerIn"] = new JsonObject { ["tagName"] = "PowerIn", ["guid"] = Guid(i), ["value"] = i * 10.5 },
                },
            });
        }

        var dump = new JsonObject { ["result"] = new JsonObject { ["items"] = items } };
        return new ReplaySite(Encoding.UTF8.GetBytes(dump.ToJsonString()), clock);
    }
}
