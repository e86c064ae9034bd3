namespace Kiwigrid.Client.SockJs;

/// <summary>The kinds of frame a SockJS server sends, named by their first character.</summary>
internal enum SockJsFrameType
{
    /// <summary><c>o</c>: the session is open.</summary>
    Open,

    /// <summary><c>h</c>: the server is still there.</summary>
    Heartbeat,

    /// <summary><c>a[…]</c>: one or more messages.</summary>
    Messages,

    /// <summary><c>c[code,"reason"]</c>: the server ends the session.</summary>
    Close,
}
