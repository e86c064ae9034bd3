using Kiwigrid.Emulator.Simulation;

namespace Kiwigrid.Emulator.Tests.Simulation;

public class HouseLoadTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Night_base_load_is_250_to_350_watts(int seed)
    {
        var load = new HouseLoad(seed, 4000, Berlin);
        for (var minute = 0; minute < 120; minute += 5)
        {
            var power = load.PowerAt(new DateTimeOffset(2025, 3, 12, 2, minute % 60, 0, TimeSpan.FromHours(1)).AddHours(minute / 60));
            Assert.InRange(power, 250, 350);
        }
    }

    [Fact]
    public void Evening_is_busier_than_the_night_and_has_multi_kilowatt_moments()
    {
        var load = new HouseLoad(2, 4000, Berlin);
        var highest = 0.0;
        var eveningSum = 0.0;
        var nightSum = 0.0;
        for (var day = 0; day < 7; day++)
        {
            for (var minute = 0; minute < 24 * 60; minute++)
            {
                var time = new DateTimeOffset(2025, 11, 3, 0, 0, 0, TimeSpan.FromHours(1)).AddDays(day).AddMinutes(minute);
                var power = load.PowerAt(time);
                highest = Math.Max(highest, power);
                eveningSum += minute is >= 18 * 60 and < 21 * 60 ? power : 0;
                nightSum += minute is >= 1 * 60 and < 4 * 60 ? power : 0;
            }
        }

        Assert.True(eveningSum > 2 * nightSum, $"evening {eveningSum / 180 / 7:F0} W vs night {nightSum / 180 / 7:F0} W");
        Assert.True(highest > 2000, $"highest {highest} W");
    }
}
