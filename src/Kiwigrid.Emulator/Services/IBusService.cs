using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Services;

/// <summary>A service behind an event-bus address, such as <c>deviceservice</c>.</summary>
internal interface IBusService
{
    /// <summary>The event-bus address the service listens on.</summary>
    string Address { get; }

    /// <summary>The reply's <c>result</c>; throws <see cref="ServiceFault"/> to refuse.</summary>
    JsonNode? Handle(ServiceRequest request);
}
