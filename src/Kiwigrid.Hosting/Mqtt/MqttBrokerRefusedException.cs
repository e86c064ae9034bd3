using MQTTnet;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>The broker answered the connection with a refusal (a CONNACK other than success), e.g. for a wrong password.</summary>
internal sealed class MqttBrokerRefusedException(MqttClientConnectResultCode code)
    : Exception(code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
        ? $"the broker refused the login ({code}); check the MQTT user name and password"
        : $"the broker refused the connection ({code})")
{
    public MqttClientConnectResultCode Code { get; } = code;
}
