using System.Net;

namespace Kiwigrid.Client.Auth;

/// <summary>What a login yields: the token for the services and the cookies for the event-bus handshake.</summary>
/// <param name="AccessToken">The access token.</param>
/// <param name="Cookies">The login cookies (<c>session_id</c>, <c>webcore_sid</c>), each for the host that set it.</param>
internal sealed record PortalSession(AccessToken AccessToken, CookieContainer Cookies);
