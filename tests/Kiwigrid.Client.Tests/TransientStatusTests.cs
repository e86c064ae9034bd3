namespace Kiwigrid.Client.Tests;

/// <summary>The one rule for an HTTP status or reply code that passes by itself, which every retry goes by.</summary>
public sealed class TransientStatusTests
{
    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(408, true)]
    [InlineData(425, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(419, false)]
    [InlineData(200, false)]
    [InlineData(null, false)]
    public void Server_errors_and_requests_to_wait_pass_and_refusals_do_not(int? status, bool passes)
    {
        Assert.Equal(passes, TransientStatus.Is(status));
    }
}
