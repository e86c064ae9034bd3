using System.Net;
using Kiwigrid.Cli.Serve;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary>serve bound to every interface prints an address a browser can open, not 0.0.0.0.</summary>
public sealed class ReachableAddressTests
{
    private static readonly IPAddress[] Machine = [IPAddress.Parse("fe80::1"), IPAddress.Parse("2001:db8::5"), IPAddress.Parse("192.168.1.5")];

    [Theory]
    [InlineData("http://0.0.0.0:8088/", "http://192.168.1.5:8088/")]
    [InlineData("http://[::]:8088/", "http://192.168.1.5:8088/")]
    [InlineData("http://127.0.0.1:8088/", "http://127.0.0.1:8088/")]
    [InlineData("http://192.168.1.7:8088/", "http://192.168.1.7:8088/")]
    public void A_wildcard_address_is_printed_as_one_of_the_machines_own(string bound, string printed) =>
        Assert.Equal(new Uri(printed), ReachableAddress.For(new Uri(bound), Machine, "pi"));

    [Fact]
    public void A_machine_without_an_address_beyond_loopback_is_named_by_its_host_name() =>
        Assert.Equal(new Uri("http://pi:8088/"), ReachableAddress.For(new Uri("http://0.0.0.0:8088/"), [IPAddress.Loopback], "pi"));
}
