using Kiwigrid.Client.History;
using Kiwigrid.Client.Sources;

namespace Kiwigrid.Client.Tests.Sources;

public sealed class LocalEnergyManagerSourceTests
{
    // Nothing listens on port 1: a question the source claims would fail to connect, not with NotSupportedException.
    private static readonly Uri Nowhere = new("http://127.0.0.1:1");

    [Fact]
    public async Task An_Energy_Manager_on_the_LAN_reads_now_and_watches_but_keeps_no_history_and_offers_no_settings()
    {
        await using var source = new LocalEnergyManagerSource(Nowhere);

        Assert.Equal(
            SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.AllTags | SiteCapabilities.Watch,
            source.Capabilities);
        Assert.Empty(await SiteCapabilityContract.UnclaimedThatDoNotThrowAsync(source));
        Assert.Equal("the Energy Manager at http://127.0.0.1:1/", source.Description);
    }

    [Fact]
    public async Task Asking_for_history_says_in_one_sentence_that_the_LAN_keeps_none()
    {
        await using var source = new LocalEnergyManagerSource(Nowhere);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            source.GetEnergyHistoryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), HistoryResolution.OneHour));

        Assert.Equal("An Energy Manager on the LAN keeps no history; read it from the cloud instead.", error.Message);
    }

    [Fact]
    public void An_address_that_is_not_http_is_refused_at_once()
    {
        Assert.Throws<ArgumentException>(() => new LocalEnergyManagerSource(new Uri("ftp://192.168.1.20")));
    }
}
