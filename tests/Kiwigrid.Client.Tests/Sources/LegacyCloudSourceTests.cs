using Kiwigrid.Client.Sources;

namespace Kiwigrid.Client.Tests.Sources;

public sealed class LegacyCloudSourceTests
{
    // Nothing listens on port 1: a question the source claims would fail to connect, not with NotSupportedException.
    private static readonly KiwigridClientOptions Nowhere = KiwigridClientOptions.ForServer(new Uri("http://127.0.0.1:1"));

    [Fact]
    public async Task The_2018_cloud_answers_everything_and_offers_control()
    {
        await using var source = new LegacyCloudSource("owner@example.com", "secret", Nowhere);

        Assert.Equal(
            SiteCapabilities.EnergyFlow | SiteCapabilities.Devices | SiteCapabilities.AllTags | SiteCapabilities.History | SiteCapabilities.Watch
            | SiteCapabilities.Settings | SiteCapabilities.Control,
            source.Capabilities);
        Assert.Empty(await SiteCapabilityContract.UnclaimedThatDoNotThrowAsync(source));
        Assert.IsAssignableFrom<IZonedHistorySource>(source);
    }

    [Fact]
    public async Task Neither_the_description_nor_the_text_of_the_source_shows_the_password()
    {
        await using var source = new LegacyCloudSource("owner@example.com", "s3cr3t-pw", Nowhere);

        Assert.Equal("the Kiwigrid cloud at http://127.0.0.1:1/", source.Description);
        Assert.DoesNotContain("s3cr3t-pw", source.ToString(), StringComparison.Ordinal);
        Assert.Contains("owner@example.com", source.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "pw")]
    [InlineData("owner", "")]
    public void An_empty_credential_is_refused_at_once(string userName, string password)
    {
        Assert.Throws<ArgumentException>(() => new LegacyCloudSource(userName, password, Nowhere));
    }
}
