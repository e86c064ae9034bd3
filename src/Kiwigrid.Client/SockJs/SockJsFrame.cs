using System.Buffers;

namespace Kiwigrid.Client.SockJs;

/// <summary>One decoded server frame.</summary>
internal readonly struct SockJsFrame
{
    private readonly byte[]? _pooledMessages;

    private SockJsFrame(SockJsFrameType type, IReadOnlyList<ReadOnlyMemory<byte>> messages, byte[]? pooledMessages, int closeCode, string? closeReason)
    {
        Type = type;
        Messages = messages;
        _pooledMessages = pooledMessages;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    public static SockJsFrame Open { get; } = new(SockJsFrameType.Open, [], null, 0, null);

    public static SockJsFrame Heartbeat { get; } = new(SockJsFrameType.Heartbeat, [], null, 0, null);

    public SockJsFrameType Type { get; }

    /// <summary>
    /// The messages of an <c>a</c> frame, each the UTF-8 JSON text it holds; empty for other frames. Their memory may be
    /// pooled: it is valid until <see cref="ReturnMessages"/>.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Messages { get; }

    /// <summary>The code of a <c>c</c> frame (e.g. 3000).</summary>
    public int CloseCode { get; }

    /// <summary>The reason of a <c>c</c> frame (e.g. "Go away!").</summary>
    public string? CloseReason { get; }

    /// <param name="messages">The messages.</param>
    /// <param name="pooledMessages">The array they lie in, when it was rented from the shared pool.</param>
    public static SockJsFrame ForMessages(IReadOnlyList<ReadOnlyMemory<byte>> messages, byte[]? pooledMessages) =>
        new(SockJsFrameType.Messages, messages, pooledMessages, 0, null);

    public static SockJsFrame ForClose(int code, string reason) => new(SockJsFrameType.Close, [], null, code, reason);

    /// <summary>
    /// Gives the messages' memory back to the pool. Call it once, when every message has been read and nothing read
    /// from them keeps a slice of it; a frame that is never returned only costs the pool an array.
    /// </summary>
    public void ReturnMessages()
    {
        if (_pooledMessages is not null)
        {
            // Cleared in debug builds, so a test that reads a message after this reads zeros and fails.
            ArrayPool<byte>.Shared.Return(_pooledMessages, clearArray: ClearReturnedMessages);
        }
    }

#if DEBUG
    private const bool ClearReturnedMessages = true;
#else
    private const bool ClearReturnedMessages = false;
#endif
}
