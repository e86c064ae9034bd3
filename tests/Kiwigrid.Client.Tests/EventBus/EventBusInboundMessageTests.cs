using System.Text;
using System.Text.Json;

using Kiwigrid.Client.EventBus;

namespace Kiwigrid.Client.Tests.EventBus;

public sealed class EventBusInboundMessageTests
{
    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "JSON objects")]
    [InlineData("\"text\"", "JSON objects")]
    [InlineData("{} {}", "not valid JSON")]
    [InlineData("{\"body\":{\"a\":1},\"address\":\"x\"", "not valid JSON")]
    [InlineData("{\"address\":7}", "'address' is a JSON Number, not a string")]
    [InlineData("{\"type\":\"err\",\"address\":\"a\",\"failureCode\":1.5}", "failureCode is a JSON Number, not an integer")]
    [InlineData("{\"type\":\"err\",\"message\":[]}", "'message' is a JSON Array, not a string")]
    public void A_message_that_is_not_an_envelope_is_a_protocol_error(string json, string expected)
    {
        var error = Assert.Throws<KiwigridProtocolException>(() => Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_fields_of_a_delivery_are_not_held_against_it()
    {
        var message = Parse("{\"type\":\"rec\",\"address\":\"a\",\"message\":[],\"body\":1}");

        Assert.True(message.IsDelivery);
        Assert.Equal(1, message.Body.ToElement().GetInt32());
    }

    [Theory]
    [InlineData("{\"address\":\"r\",\"body\":{\"n\":1}}")]
    [InlineData("{\"type\":\"rec\",\"address\":\"r\",\"body\":{\"n\":1},\"headers\":{\"h\":\"v\"},\"replyAddress\":\"q\"}")]
    [InlineData("{\"body\":{\"n\":1},\"address\":\"r\"}")]
    [InlineData(" { \"address\" : \"r\" , \"body\" : { \"n\" : 1 } } ")]
    public void The_body_reads_the_same_wherever_it_lies_in_the_envelope(string json)
    {
        var message = Parse(json);

        Assert.Equal("r", message.Address);
        Assert.True(message.IsDelivery);
        Assert.Equal(1, message.Body.ToElement().GetProperty("n").GetInt32());
    }

    [Fact]
    public void A_message_without_body_has_none()
    {
        var message = Parse("{\"address\":\"r\"}");

        Assert.False(message.Body.IsPresent);
        Assert.Equal(JsonValueKind.Undefined, message.Body.ToElement().ValueKind);
    }

    [Fact]
    public void A_vertx2_failure_without_type_is_an_error()
    {
        var message = Parse("{\"address\":\"r\",\"failureCode\":-1,\"failureType\":\"NO_HANDLERS\",\"message\":\"No handlers\"}");

        Assert.True(message.IsReplyFailure);
        Assert.Equal(-1, message.FailureCode);
        Assert.Equal("NO_HANDLERS", message.FailureType);
        Assert.Equal("No handlers", message.FailureMessage);
    }

    private static EventBusInboundMessage Parse(string json) => EventBusInboundMessage.Parse(Encoding.UTF8.GetBytes(json));
}
