namespace Kiwigrid.Hosting;

/// <summary>
/// What the person who set them calls the serve settings: <c>kiwigrid serve</c>'s flags or the host's configuration
/// keys, so that a refusal (<see cref="ServeSettingRules"/>) names what they typed.
/// </summary>
/// <param name="AllowControl">The setting that lets token holders change settings.</param>
/// <param name="AllowedOrigins">The setting that lists the websites that may read the API.</param>
/// <param name="ClassicApi">The setting that serves the classic Energy Manager API.</param>
/// <param name="ClassicApiLan">The setting that opens the classic API to the network.</param>
/// <param name="AccessToken">Where an access token is set.</param>
internal sealed record ServeSettingNames(string AllowControl, string AllowedOrigins, string ClassicApi, string ClassicApiLan, string AccessToken);
