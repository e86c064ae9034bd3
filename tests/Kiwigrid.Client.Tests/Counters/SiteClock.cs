using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Client.Tests.Counters;

/// <summary>A fake clock in Europe/Berlin (most SOLARWATT sites), set by local date and time.</summary>
internal sealed class SiteClock
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public SiteClock(DateOnly day, int hour = 12)
    {
        Time = new FakeTimeProvider(LocalTime(day, hour));
    }

    public FakeTimeProvider Time { get; }

    public void SetLocal(DateOnly day, int hour = 12)
    {
        Time.SetUtcNow(LocalTime(day, hour));
    }

    private static DateTimeOffset LocalTime(DateOnly day, int hour)
    {
        DateTime local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime();
    }
}
