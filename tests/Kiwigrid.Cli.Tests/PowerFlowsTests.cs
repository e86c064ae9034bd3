using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Tests;

public sealed class PowerFlowsTests
{
    [Theory]
    [InlineData(5200, 800, -1500, -2900)]
    [InlineData(0, 400, 400, 0)]
    [InlineData(0, 600, 0, 600)]
    [InlineData(1000, 3000, 500, 1500)]
    [InlineData(300, 200, -1100, 1000)]
    public void Estimated_flows_balance_every_place(double pv, double house, double battery, double grid)
    {
        var flows = PowerFlows.Estimate(pv, house, battery, grid);

        double Out(EnergyNode n) => flows.Where(f => f.From == n).Sum(f => f.Power);
        double In(EnergyNode n) => flows.Where(f => f.To == n).Sum(f => f.Power);
        Assert.Equal(pv, Out(EnergyNode.Pv), 6);
        Assert.Equal(house, In(EnergyNode.House), 6);
        Assert.Equal(battery, Out(EnergyNode.Battery) - In(EnergyNode.Battery), 6);
        Assert.Equal(grid, Out(EnergyNode.Grid) - In(EnergyNode.Grid), 6);
    }

    [Fact]
    public void Pv_serves_the_house_before_the_battery_and_the_grid()
    {
        var flows = PowerFlows.Estimate(pv: 1000, house: 600, battery: -300, grid: -100);

        Assert.Equal(
            [new PowerFlow(EnergyNode.Pv, EnergyNode.House, 600), new PowerFlow(EnergyNode.Pv, EnergyNode.Battery, 300), new PowerFlow(EnergyNode.Pv, EnergyNode.Grid, 100)],
            flows);
    }

    [Fact]
    public void The_breakdown_a_location_reports_wins_and_is_absent_without_its_tags()
    {
        var tags = new Dictionary<string, double> { ["PowerConsumedFromProducers"] = 700, ["PowerBufferedFromGrid"] = 50, ["PowerOutFromStorage"] = 0 };

        var flows = PowerFlows.FromBreakdown(name => tags.TryGetValue(name, out var v) ? v : null);

        Assert.Equal([new PowerFlow(EnergyNode.Pv, EnergyNode.House, 700), new PowerFlow(EnergyNode.Grid, EnergyNode.Battery, 50)], flows);
        Assert.Null(PowerFlows.FromBreakdown(_ => null));
    }

    [Fact]
    public void Float_noise_in_a_real_dump_is_no_flow()
    {
        // solarwatt-em-3.json reports PowerOutFromStorage = 1.1368683772161603e-13 W.
        var tags = new Dictionary<string, double>
        {
            ["PowerConsumedFromProducers"] = 2481.224,
            ["PowerConsumedFromStorage"] = 853,
            ["PowerOutFromStorage"] = 1.1368683772161603e-13,
        };

        var flows = PowerFlows.FromBreakdown(name => tags.TryGetValue(name, out var value) ? value : 0);

        Assert.Equal([(EnergyNode.Pv, EnergyNode.House), (EnergyNode.Battery, EnergyNode.House)], flows!.Select(f => (f.From, f.To)));
    }
}
