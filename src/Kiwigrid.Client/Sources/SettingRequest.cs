namespace Kiwigrid.Client.Sources;

/// <summary>
/// The request a setting change sends, for a dry run: never carries the token, a cookie or the password.
/// </summary>
/// <param name="Method">The HTTP method (<c>PATCH</c>, <c>PUT</c>) or, on the event bus, <c>send</c>.</param>
/// <param name="Target">The path below the API (<c>/v11/device/{id}/optimization/state</c>) or the bus address (<c>deviceservice.mergeDevice</c>).</param>
/// <param name="Body">The JSON body (or the bus message's parameters).</param>
public sealed record SettingRequest(string Method, string Target, string Body);
