namespace Kiwigrid.Hosting.Tests;

/// <summary>The one sentence a host's owner reads when two settings do not go together: it names the configuration keys.</summary>
public sealed class KiwigridSetupTests
{
    [Fact]
    public void Any_origin_without_an_access_token_is_refused_naming_the_keys()
    {
        var options = new KiwigridOptions { AllowedOrigins = { "*" } };

        var error = Assert.Throws<KiwigridSetupException>(() => KiwigridSetup.From(options));

        Assert.Equal(
            "Kiwigrid:AllowedOrigins * lets every website you visit read this server; name the origins, or set an access token with Kiwigrid:AccessTokens.",
            error.Message);
    }

    [Fact]
    public void Classic_api_lan_without_the_classic_api_is_refused_naming_the_keys()
    {
        var options = new KiwigridOptions { ClassicApiLan = true };

        var error = Assert.Throws<KiwigridSetupException>(() => KiwigridSetup.From(options));

        Assert.Equal("Kiwigrid:ClassicApiLan only applies with Kiwigrid:ClassicApi.", error.Message);
    }

    [Fact]
    public void A_broker_that_cannot_work_is_refused_in_one_sentence_without_a_parameter_name()
    {
        var options = new KiwigridOptions { Mqtt = { Broker = new Uri("mqtt://127.0.0.1:1883/kiwigrid") } };

        var error = Assert.Throws<KiwigridSetupException>(() => KiwigridSetup.From(options));

        Assert.Equal("The MQTT broker URL mqtt://127.0.0.1:1883 takes no path or query; set topics with the topic prefix.", error.Message);
    }
}
