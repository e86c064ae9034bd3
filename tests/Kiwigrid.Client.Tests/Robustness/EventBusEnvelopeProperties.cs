using System.Text;

using CsCheck;

using Kiwigrid.Client.EventBus;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary>The envelope parser over arbitrary JSON objects: a message it understands, or a protocol error.</summary>
public sealed class EventBusEnvelopeProperties
{
    [Fact]
    public void Any_json_object_is_read_or_refused_with_a_protocol_error()
    {
        ArbitraryJson.Object.Sample(json =>
        {
            EventBusInboundMessage message;
            try
            {
                message = EventBusInboundMessage.Parse(Encoding.UTF8.GetBytes(json));
            }
            catch (KiwigridProtocolException)
            {
                return;
            }

            // Exactly one way to handle each message read: failure, bridge error, delivery or an ignored type.
            var roles = new[] { message.IsReplyFailure, message.IsBridgeError, message.IsDelivery }.Count(role => role);
            Assert.True(roles <= 1, $"A message plays {roles} roles: {json}");
            Assert.Equal(roles == 0, message.Type is not (null or "rec" or "err"));
        }, iter: 5000);
    }

    [Theory]
    [InlineData("{\"type\":\"\\ud800\"}")]
    [InlineData("{\"address\":\"\\udc00reply\"}")]
    [InlineData("{\"type\":\"err\",\"address\":\"a\",\"failureType\":\"\\ud800\"}")]
    [InlineData("{\"type\":\"err\",\"message\":\"x\\ud800\"}")]
    public void A_field_with_a_lone_surrogate_is_a_protocol_error(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Throws<KiwigridProtocolException>(() => EventBusInboundMessage.Parse(bytes));
    }
}
