using System.Text;
using System.Text.Json.Nodes;

using Kiwigrid.Client.Auth;
using Kiwigrid.Client.EventBus;

namespace Kiwigrid.Client.Tests.Services;

/// <summary>An event bus that records each request and answers with the test's function.</summary>
internal sealed class FakeBus(Func<string, JsonObject, JsonNode> answer) : IEventBusRequester, IAsyncDisposable
{
    public List<(string Address, JsonObject Body)> Requests { get; } = [];

    public bool Disposed { get; private set; }

    public Task<T> SendAsync<T>(string address, JsonObject body, Func<EventBusBody, T> readReply, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var copy = (JsonObject)body.DeepClone();
        lock (Requests)
        {
            Requests.Add((address, copy));
        }

        var reply = answer(address, copy);
        try
        {
            return Task.FromResult(readReply(EventBusBody.Checked(Encoding.UTF8.GetBytes(reply.ToJsonString()))));
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    public static JsonObject Ok(JsonNode? result) => new() { ["status"] = "ok", ["code"] = 200, ["message"] = "ok", ["result"] = result };

    public static JsonObject Error(int code, string message) => new() { ["status"] = "error", ["code"] = code, ["message"] = message };
}

/// <summary>Tokens "t1", "t2", …: each renewal is a new login.</summary>
internal sealed class CountingTokens : IAccessTokenSource
{
    private int _logins = 1;

    public AccessToken Current { get; private set; } = new("t1");

    public int Renewals => _logins - 1;

    public Task<AccessToken> RenewAsync(AccessToken expired, CancellationToken cancellationToken)
    {
        Current = new AccessToken("t" + ++_logins);
        return Task.FromResult(Current);
    }
}
