namespace Kiwigrid.Hosting.Views;

/// <summary>The four places power flows between in a home.</summary>
internal enum EnergyNode
{
    Pv,
    Battery,
    Grid,
    House,
}
