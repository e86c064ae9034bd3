using Kiwigrid.Client.Devices;

namespace Kiwigrid.Cli.Connection;

/// <summary>Finds the one device a command line names: by guid, by display name, or by kind (e.g. <c>battery</c>).</summary>
internal static class DeviceSelector
{
    /// <exception cref="CliNotFoundException">Nothing matches.</exception>
    /// <exception cref="CliUsageException">The name or kind matches several devices.</exception>
    public static Device Find(IReadOnlyList<Device> devices, string selector)
    {
        var byGuid = devices.FirstOrDefault(d => string.Equals(d.Guid, selector, StringComparison.Ordinal));
        if (byGuid is not null)
        {
            return byGuid;
        }

        var byName = devices.Where(d => string.Equals(d.Name, selector, StringComparison.OrdinalIgnoreCase)).ToList();
        var byKind = devices.Where(d => string.Equals(d.Kind.ToString(), selector, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.MostSpecificClass?.Split('.')[^1], selector, StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = byName.Count > 0 ? byName : byKind;
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CliNotFoundException($"No device has the guid, name or kind '{selector}'; run 'kiwigrid devices' to list them."),
            // The guids one a line, so that a terminal does not break one that is to be copied.
            _ => throw new CliUsageException(
                $"'{selector}' matches {matches.Count} devices; name one by its guid:"
                + string.Concat(matches.Select(d => $"\n  {d.Guid}  {d.Name}"))),
        };
    }

    /// <summary>The tag of a device by exact name, else by name ignoring case.</summary>
    /// <exception cref="CliNotFoundException">The device has no such tag.</exception>
    public static TagValue FindTag(Device device, string tagName) =>
        device.GetTag(tagName)
        ?? device.Tags.Values.FirstOrDefault(t => string.Equals(t.Name, tagName, StringComparison.OrdinalIgnoreCase))
        ?? throw new CliNotFoundException($"Device {device.Guid} has no tag '{tagName}'; run 'kiwigrid tags {device.Guid}' to list its tags.");
}
