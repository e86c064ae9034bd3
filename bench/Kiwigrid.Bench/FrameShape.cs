namespace Kiwigrid.Bench;

/// <summary>How a decode frame's reply is shaped: as the LAN dumps hold the devices, or as the cloud sends them.</summary>
internal enum FrameShape
{
    /// <summary>The dump's tag documents unchanged (<c>tagName</c>, <c>guid</c>, <c>value</c>) in a Vert.x 2 reply.</summary>
    Lan,

    /// <summary>Each tag with <c>timestamp</c> (epoch seconds, as the 2018 capture) and <c>oca</c>; Vert.x 2 envelope.</summary>
    CloudVertx2,

    /// <summary>Each tag with <c>timestamp</c> (epoch milliseconds) and <c>oca</c>; Vert.x 3 envelope (<c>"type":"rec"</c>).</summary>
    CloudVertx3,
}
