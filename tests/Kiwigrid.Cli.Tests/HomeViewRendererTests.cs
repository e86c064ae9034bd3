using System.Text.RegularExpressions;
using Kiwigrid.Cli.Output;
using Kiwigrid.Hosting.Views;
using Spectre.Console.Testing;

namespace Kiwigrid.Cli.Tests;

public sealed class HomeViewRendererTests
{
    private static readonly HomeView SunnyNoon = new()
    {
        SiteName = "Dresden",
        At = new DateTimeOffset(2025, 6, 21, 12, 0, 0, TimeSpan.FromHours(2)),
        PvPower = 5200,
        HousePower = 800,
        BatteryStateOfCharge = 75,
        BatteryPower = -1500,
        GridPower = -2900,
        SelfSufficiency = 1,
        Flows = PowerFlows.Estimate(pv: 5200, house: 800, battery: -1500, grid: -2900),
    };

    private static string Render(HomeView view, bool unicode = false)
    {
        var console = new TestConsole().Width(120);
        console.Write(HomeViewRenderer.Render(view, unicode));
        return console.Output;
    }

    [Fact]
    public void Shows_production_consumption_battery_grid_and_self_sufficiency()
    {
        var output = Render(SunnyNoon);

        Assert.Contains("5.20 kW produced", output, StringComparison.Ordinal);
        Assert.Contains("800 W consumed", output, StringComparison.Ordinal);
        Assert.Contains("75 %  charging 1.50 kW", output, StringComparison.Ordinal);
        Assert.Contains("exporting 2.90 kW", output, StringComparison.Ordinal);
        Assert.Contains("100 %", output, StringComparison.Ordinal);
        Assert.Contains("Dresden · 2025-06-21 12:00:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_battery_bar_fills_with_the_state_of_charge()
    {
        var output = Render(SunnyNoon);

        Assert.Contains(new string('#', 15) + new string('-', 5) + " 75 %", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Draws_each_flow_as_an_arrow_as_long_as_its_share()
    {
        var lines = Render(SunnyNoon).Split('\n');

        var toGrid = Assert.Single(lines, l => Regex.IsMatch(l, @"PV\s+-+>\s+Grid"));
        var toHouse = Assert.Single(lines, l => Regex.IsMatch(l, @"PV\s+-+>\s+House"));
        Assert.Contains("2.90 kW", toGrid, StringComparison.Ordinal);
        Assert.Contains("800 W", toHouse, StringComparison.Ordinal);
        Assert.True(Arrow(toGrid) > Arrow(toHouse), "the larger flow draws the longer arrow");
        Assert.True(lines.ToList().IndexOf(toGrid) < lines.ToList().IndexOf(toHouse), "the largest flow comes first");

        static int Arrow(string line) => Regex.Match(line, "-+>").Length;
    }

    [Fact]
    public void Uses_block_characters_on_a_unicode_terminal()
    {
        var output = Render(SunnyNoon, unicode: true);

        Assert.Contains("███████████████░░░░░", output, StringComparison.Ordinal);
        Assert.Contains("▶", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_without_battery_or_values_says_so_instead_of_inventing_numbers()
    {
        var output = Render(new HomeView { PvPower = 0, HousePower = 300, GridPower = 300 });

        Assert.Contains("none", output, StringComparison.Ordinal);
        Assert.Contains("importing 300 W", output, StringComparison.Ordinal);
        Assert.Contains("Self-sufficiency n/a", output.Replace("  ", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_the_same_numbers()
    {
        using var json = System.Text.Json.JsonDocument.Parse(HomeViewJson.Write(SunnyNoon));
        var root = json.RootElement;

        Assert.Equal(5200, root.GetProperty("pvPowerW").GetDouble());
        Assert.Equal(75, root.GetProperty("battery").GetProperty("stateOfChargePercent").GetDouble());
        Assert.Equal(-1500, root.GetProperty("battery").GetProperty("powerW").GetDouble());
        Assert.Equal(-2900, root.GetProperty("grid").GetProperty("powerW").GetDouble());
        Assert.Contains(root.GetProperty("flows").EnumerateArray(), f => f.GetProperty("from").GetString() == "pv" && f.GetProperty("to").GetString() == "battery" && f.GetProperty("powerW").GetDouble() == 1500);
    }
}
