namespace Kiwigrid.Emulator.Services;

/// <summary>A request a service refuses: it becomes a reply with <c>"status":"error"</c> and this code.</summary>
internal sealed class ServiceFault(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public static ServiceFault BadRequest(string message) => new(400, message);

    public static ServiceFault NotFound(string message) => new(404, message);
}
