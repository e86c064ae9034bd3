namespace Kiwigrid.Client.Devices;

/// <summary>One sort key of a device query: a dotted path, ascending or descending.</summary>
/// <param name="Path">The dotted path, e.g. <c>guid</c> or <c>tagValues.IdName.value</c>.</param>
/// <param name="Descending">Whether to sort from high to low.</param>
public sealed record DeviceSortKey(string Path, bool Descending = false);
