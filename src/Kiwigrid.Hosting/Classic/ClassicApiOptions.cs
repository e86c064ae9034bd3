namespace Kiwigrid.Hosting.Classic;

/// <summary>
/// <c>serve --classic-api</c>: the site also served in the classic Energy Manager's and the Manager flex's formats.
/// </summary>
/// <param name="OpenToLan">
/// <c>--classic-api-lan</c>: other machines may read the two paths without a token, not only this one.
/// </param>
internal sealed record ClassicApiOptions(bool OpenToLan);
