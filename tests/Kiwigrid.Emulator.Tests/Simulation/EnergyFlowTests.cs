using Kiwigrid.Emulator.Simulation;

namespace Kiwigrid.Emulator.Tests.Simulation;

public class EnergyFlowTests
{
    [Fact]
    public void Surplus_feeds_the_house_then_charges_the_battery_then_goes_to_the_grid()
    {
        var flow = EnergyFlow.Balance(available: 5000, consumption: 800, chargeLimit: 3000, dischargeLimit: 3000, feedInLimit: 5600);

        Assert.Equal(800, flow.ConsumedFromProducers);
        Assert.Equal(3000, flow.BufferedFromProducers);
        Assert.Equal(1200, flow.OutFromProducers);
        Assert.Equal(0, flow.In);
        Assert.Equal(0, flow.Released);
        Assert.Equal(5000, flow.Produced);
    }

    [Fact]
    public void Feed_in_above_the_limit_is_curtailed_so_production_drops()
    {
        var flow = EnergyFlow.Balance(available: 7800, consumption: 300, chargeLimit: 0, dischargeLimit: 3000, feedInLimit: 5600);

        Assert.Equal(5600, flow.Out);
        Assert.Equal(5900, flow.Produced);
    }

    [Fact]
    public void A_deficit_is_covered_by_the_battery_up_to_its_limit_and_the_grid_takes_the_rest()
    {
        var flow = EnergyFlow.Balance(available: 200, consumption: 4000, chargeLimit: 3000, dischargeLimit: 2500, feedInLimit: 5600);

        Assert.Equal(200, flow.ConsumedFromProducers);
        Assert.Equal(2500, flow.ConsumedFromStorage);
        Assert.Equal(1300, flow.ConsumedFromGrid);
        Assert.Equal(0, flow.Buffered);
        Assert.Equal(4000, flow.Consumed);
    }

    [Theory]
    [InlineData(1234.5678, 987.6543, 150.25, 3000, 5600)]
    [InlineData(0, 333.3333333, 3000, 0.1, 5600)]
    [InlineData(9999.9999, 0.0004, 0.0001, 0, 0)]
    public void The_location_identities_hold_for_any_split(double available, double consumption, double charge, double discharge, double feedIn)
    {
        var f = EnergyFlow.Balance(available, consumption, charge, discharge, feedIn);

        Assert.Equal(f.Produced + f.In + f.Released, f.Consumed + f.Buffered + f.Out, 9);
        Assert.Equal(0, f.BufferedFromGrid);
        Assert.Equal(0, f.OutFromStorage);
        Assert.True(f.Produced <= available + 0.001 && f.Out <= feedIn + 0.001);
        Assert.Equal(Math.Round(consumption, 3), f.Consumed, 9);
    }
}
