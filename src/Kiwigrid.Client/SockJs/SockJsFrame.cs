namespace Kiwigrid.Client.SockJs;

/// <summary>One decoded server frame.</summary>
internal readonly struct SockJsFrame
{
    private SockJsFrame(SockJsFrameType type, IReadOnlyList<ReadOnlyMemory<byte>> messages, int closeCode, string? closeReason)
    {
        Type = type;
        Messages = messages;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    public static SockJsFrame Open { get; } = new(SockJsFrameType.Open, [], 0, null);

    public static SockJsFrame Heartbeat { get; } = new(SockJsFrameType.Heartbeat, [], 0, null);

    public SockJsFrameType Type { get; }

    /// <summary>The messages of an <c>a</c> frame, each the UTF-8 JSON text it holds, in memory of its own; empty for other frames.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Messages { get; }

    /// <summary>The code of a <c>c</c> frame (e.g. 3000).</summary>
    public int CloseCode { get; }

    /// <summary>The reason of a <c>c</c> frame (e.g. "Go away!").</summary>
    public string? CloseReason { get; }

    public static SockJsFrame ForMessages(IReadOnlyList<ReadOnlyMemory<byte>> messages) => new(SockJsFrameType.Messages, messages, 0, null);

    public static SockJsFrame ForClose(int code, string reason) => new(SockJsFrameType.Close, [], code, reason);
}
