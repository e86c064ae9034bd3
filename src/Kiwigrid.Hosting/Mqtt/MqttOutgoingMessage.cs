namespace Kiwigrid.Hosting.Mqtt;

/// <summary>One message to publish. Retained messages (discovery, availability) are sent at least once; state at most once.</summary>
internal sealed record MqttOutgoingMessage(string Topic, string Payload, bool Retain);
