using Kiwigrid.Client.Sources;

namespace Kiwigrid.Client.Tests.Sources;

public sealed class SiteSettingTests
{
    private static readonly SiteSetting Mode = new("ev-1", "Wallbox", "optimization_mode", SettingKind.Choice, "NOT_OPTIMIZED",
        ["NOT_OPTIMIZED", "PV_EXCESS", "DEPARTURE_TIME"]);

    private static readonly SiteSetting Reserve = new("battery-1", "Battery", "StateOfChargeMinimum", SettingKind.Number, "10", [])
    {
        Minimum = 0,
        Maximum = 100,
        Unit = "%",
    };

    [Fact]
    public void A_choice_is_taken_in_any_case_and_given_back_in_the_listed_spelling() =>
        Assert.Equal("PV_EXCESS", Mode.Normalize(" pv_excess "));

    [Fact]
    public void A_value_outside_the_choices_is_refused_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => Mode.Normalize("FAST"));
        Assert.StartsWith("optimization_mode takes NOT_OPTIMIZED, PV_EXCESS, DEPARTURE_TIME; 'FAST' is not one of them.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("25", "25")]
    [InlineData("12.5", "12.5")]
    [InlineData("0", "0")]
    [InlineData("100", "100")]
    public void A_number_in_range_is_taken_in_invariant_form(string typed, string sent) =>
        Assert.Equal(sent, Reserve.Normalize(typed));

    [Theory]
    [InlineData("abc", "StateOfChargeMinimum takes a number from 0 to 100 %; 'abc' is not one.")]
    [InlineData("NaN", "StateOfChargeMinimum takes a number from 0 to 100 %; 'NaN' is not one.")]
    [InlineData("101", "StateOfChargeMinimum takes a number from 0 to 100 %; 101 is outside.")]
    [InlineData("-1", "StateOfChargeMinimum takes a number from 0 to 100 %; -1 is outside.")]
    public void A_number_that_is_none_or_out_of_range_is_refused_with_the_range(string typed, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Reserve.Normalize(typed));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
