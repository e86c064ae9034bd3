namespace Kiwigrid.Bench;

/// <summary>What both sides do with a frame in one row of the decode table.</summary>
internal enum DecodeWork
{
    /// <summary>Be ready to use the reply: the client builds its devices with lazy values, Node.js JSON.parses it all.</summary>
    Parse,

    /// <summary>Parse, compute the energy flow and read every tag's value as its type.</summary>
    Consume,

    /// <summary>Consume a cloud-shaped frame, reading every tag's timestamp and oca as well.</summary>
    Cloud,
}

/// <summary>One row of the decode table: a kind of work on one frame.</summary>
internal sealed record DecodeRow(DecodeWork Work, DecodeFrame Frame)
{
    public string Label => (Work, Frame.Shape) switch
    {
        (DecodeWork.Parse, _) => "parse",
        (DecodeWork.Consume, _) => "consume",
        (_, FrameShape.CloudVertx2) => "cloud, Vert.x 2",
        _ => "cloud, Vert.x 3",
    };
}

/// <summary>A decode row's figures: the client's rate and allocation, Node.js's rate.</summary>
internal sealed record DecodeResult(DecodeRow Row, double ClientPerSecond, long AllocatedPerMessage, double NodePerSecond)
{
    public double Ratio => ClientPerSecond / NodePerSecond;

    public double AllocatedPerFrameByte => (double)AllocatedPerMessage / Row.Frame.Bytes.Length;
}

/// <summary>A HEMS row's figures.</summary>
internal sealed record HemsResult(HemsPayload Payload, double ClientPerSecond, long AllocatedPerMessage, double NodePerSecond)
{
    public double Ratio => ClientPerSecond / NodePerSecond;
}
