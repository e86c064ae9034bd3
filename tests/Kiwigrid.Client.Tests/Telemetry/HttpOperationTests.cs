namespace Kiwigrid.Client.Tests.Telemetry;

/// <summary>
/// The <c>kiwigrid.operation</c> of an HTTP request: one value per endpoint, whatever device or date it names, and never
/// the query (OneID's and the auth grant's carry codes).
/// </summary>
public sealed class HttpOperationTests
{
    [Theory]
    [InlineData("GET", "https://hems.kiwigrid.com/v11/energy-flow", "GET /v11/energy-flow")]
    [InlineData("PATCH", "https://hems.kiwigrid.com/v11/device/urn:kiwigrid:device:4f2a9c11/optimization", "PATCH /v11/device/{id}/optimization")]
    [InlineData("GET", "https://new.energymanager.com/rest/auth/auth_grant?code=secret-code-123", "GET /rest/auth/auth_grant")]
    [InlineData("GET", "http://192.168.1.20/rest/items/2025-06-21", "GET /rest/items/{id}")]
    [InlineData("GET", "http://192.168.1.20/kiwibus/123/abc/websocket", "GET /kiwibus/{id}/abc/websocket")]
    public void Ids_and_queries_stay_out_of_the_operation(string method, string uri, string operation)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);

        Assert.Equal(operation, MeasuredOperation.HttpOperation(request));
    }
}
