namespace Kiwigrid.Hosting;

/// <summary>
/// A setting of the Kiwigrid host is wrong (an origin that is not one, control without an access token, …). The
/// message is one sentence for the person who set it: what is wrong and what to do.
/// </summary>
public sealed class KiwigridSetupException : Exception
{
    /// <summary>A setup error with no further detail.</summary>
    public KiwigridSetupException()
    {
    }

    /// <summary>A setup error saying what is wrong and what to do.</summary>
    /// <param name="message">One sentence for the user.</param>
    public KiwigridSetupException(string message)
        : base(message)
    {
    }

    /// <summary>A setup error caused by another failure.</summary>
    /// <param name="message">One sentence for the user.</param>
    /// <param name="innerException">What failed.</param>
    public KiwigridSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
