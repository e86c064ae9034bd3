using Kiwigrid.Client.SockJs;

namespace Kiwigrid.Client.Tests.SockJs;

public sealed class SockJsSessionUriTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/kiwibus", "ws://127.0.0.1:8080/kiwibus/")]
    [InlineData("https://cloud.kiwigrid.com/kiwibus/", "wss://cloud.kiwigrid.com/kiwibus/")]
    [InlineData("wss://cloud.kiwigrid.com/kiwibus", "wss://cloud.kiwigrid.com/kiwibus/")]
    [InlineData("ws://[::1]:1/", "ws://[::1]:1/")]
    public void Maps_the_scheme_and_appends_server_session_and_transport(string bus, string expectedStart)
    {
        var uri = SockJsSessionUri.Create(new Uri(bus)).ToString();

        Assert.StartsWith(expectedStart, uri, StringComparison.Ordinal);
        Assert.Matches(@"/[0-9]{3}/[a-z0-9]{8}/websocket$", uri);
    }

    [Fact]
    public void Every_connection_gets_its_own_session()
    {
        var bus = new Uri("ws://127.0.0.1/kiwibus");

        var sessions = Enumerable.Range(0, 20).Select(_ => SockJsSessionUri.Create(bus).AbsolutePath).ToHashSet();

        Assert.Equal(20, sessions.Count);
    }

    [Fact]
    public void Rejects_other_schemes()
    {
        var error = Assert.Throws<ArgumentException>(() => SockJsSessionUri.Create(new Uri("ftp://127.0.0.1/kiwibus")));

        Assert.Contains("ftp", error.Message, StringComparison.Ordinal);
    }
}
