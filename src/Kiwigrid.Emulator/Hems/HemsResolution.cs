namespace Kiwigrid.Emulator.Hems;

/// <summary>The step of an analytics series, written as the API's ISO 8601 <c>resolution</c>.</summary>
internal enum HemsResolution
{
    /// <summary><c>PT5M</c>: a day's power.</summary>
    FiveMinutes,

    /// <summary><c>PT1H</c>: a day's energy.</summary>
    Hour,

    /// <summary><c>P1D</c>: a month.</summary>
    Day,

    /// <summary><c>P1M</c>: a year.</summary>
    Month,
}

/// <summary>The resolutions' ISO texts and row steps.</summary>
internal static class HemsResolutions
{
    public static string Iso(this HemsResolution resolution) => resolution switch
    {
        HemsResolution.FiveMinutes => "PT5M",
        HemsResolution.Hour => "PT1H",
        HemsResolution.Day => "P1D",
        _ => "P1M",
    };

    /// <summary>The step the rows are computed in; a month's rows are summed from days.</summary>
    public static TimeSpan ComputedStep(this HemsResolution resolution) => resolution switch
    {
        HemsResolution.FiveMinutes => TimeSpan.FromMinutes(5),
        HemsResolution.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };
}
