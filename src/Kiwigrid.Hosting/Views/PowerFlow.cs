namespace Kiwigrid.Hosting.Views;

/// <summary>Power flowing from one place to another, W (always positive).</summary>
internal sealed record PowerFlow(EnergyNode From, EnergyNode To, double Power);
