using System.Text;

using Kiwigrid.Client.Devices;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary>A device list of one device whose tags <c>T0</c>, <c>T1</c> … hold the given JSON values (and <c>oca</c> 0, 1 …), as parsed from a reply.</summary>
internal static class TagsOfValues
{
    public static Device Device(IReadOnlyList<string> values)
    {
        var list = new StringBuilder("""[{"guid":"g","tagValues":{""");
        for (var i = 0; i < values.Count; i++)
        {
            list.Append(i == 0 ? "" : ",").Append("\"T").Append(i).Append("\":{\"value\":").Append(values[i]).Append(",\"oca\":").Append(i).Append('}');
        }

        return DeviceParser.ParseDeviceList(Encoding.UTF8.GetBytes(list.Append("}}]").ToString())).Single();
    }
}
