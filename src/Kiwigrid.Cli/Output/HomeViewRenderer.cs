using System.Globalization;
using Kiwigrid.Hosting.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// Draws a <see cref="HomeView"/>: the four places with their power, the battery's charge as a bar, the
/// self-sufficiency, and the flows between the places as arrows whose length follows the power.
/// </summary>
internal static class HomeViewRenderer
{
    private const int BarWidth = 20;
    private const int LongestArrow = 20;

    // Below this a battery or grid counts as idle: meters jitter by a few watts.
    private const double IdleWatts = 1;

    public static IRenderable Render(HomeView view, bool unicode)
    {
        var places = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        places.AddRow(new Markup("[yellow]PV[/]"), new Markup(Markup.Escape(PowerText.Watts(view.PvPower)) + " produced"));
        places.AddRow(new Markup("[blue]House[/]"), new Markup(Markup.Escape(PowerText.Watts(view.HousePower)) + " consumed"));
        places.AddRow(new Markup("[green]Battery[/]"), new Markup(BatteryLine(view, unicode)));
        places.AddRow(new Markup("[grey]Grid[/]"), new Markup(Markup.Escape(GridLine(view.GridPower))));
        places.AddRow(new Markup("Self-sufficiency"), new Markup(Markup.Escape(SelfSufficiencyText(view.SelfSufficiency))));

        var rows = new List<IRenderable> { places, new Text(string.Empty) };
        rows.Add(view.Flows.Count == 0 ? new Markup("[grey]no power flowing[/]") : FlowGrid(view.Flows, unicode));
        if (view.BalanceGaps.Count > 0)
        {
            // The figures contradict each other: say which and by how much rather than show them as if they were fine.
            rows.Add(new Text(string.Empty));
            rows.Add(new Markup("[red]" + (unicode ? "⚠ " : "! ") + "These figures do not add up:[/]"));
            rows.AddRange(view.BalanceGaps.Select(gap => new Markup("[red]  " + Markup.Escape(gap.Message) + "[/]")));
        }

        var header = Markup.Escape(view.SiteName ?? "Home");
        if (view.At is { } at)
        {
            header += " · " + at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        return new Panel(new Rows(rows))
        {
            Header = new PanelHeader(header),
            Border = unicode ? BoxBorder.Rounded : BoxBorder.Ascii,
        };
    }

    public static string BatteryDirection(double? power) => power switch
    {
        null => PowerText.Missing,
        > IdleWatts => "discharging " + PowerText.Watts(power),
        < -IdleWatts => "charging " + PowerText.Watts(-power),
        _ => "idle",
    };

    public static string GridLine(double? power) => power switch
    {
        null => PowerText.Missing,
        > IdleWatts => "importing " + PowerText.Watts(power),
        < -IdleWatts => "exporting " + PowerText.Watts(-power),
        _ => "balanced",
    };

    private static string BatteryLine(HomeView view, bool unicode)
    {
        if (view.BatteryStateOfCharge is not { } soc)
        {
            return view.BatteryPower is null ? "none" : Markup.Escape(BatteryDirection(view.BatteryPower));
        }

        var filled = (int)Math.Round(Math.Clamp(soc, 0, 100) / 100 * BarWidth);
        var (full, empty) = unicode ? ('█', '░') : ('#', '-');
        return $"[green]{new string(full, filled)}[/][grey]{new string(empty, BarWidth - filled)}[/] "
            + Markup.Escape($"{PowerText.Percent(soc)}  {BatteryDirection(view.BatteryPower)}");
    }

    private static string SelfSufficiencyText(double? share) =>
        share is { } s ? PowerText.Percent(s * 100) : PowerText.Missing;

    private static Grid FlowGrid(IReadOnlyList<PowerFlow> flows, bool unicode)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap())
            .AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap().RightAligned());
        var largest = flows.Max(f => f.Power);
        var (line, head) = unicode ? ('━', '▶') : ('-', '>');
        foreach (var flow in flows.OrderByDescending(f => f.Power))
        {
            var length = 1 + (int)Math.Round((LongestArrow - 1) * flow.Power / largest);
            grid.AddRow(
                new Markup(Name(flow.From)),
                new Markup($"[{Colour(flow.From)}]{new string(line, length)}{head}[/]"),
                new Markup(Name(flow.To)),
                new Text(PowerText.Watts(flow.Power)));
        }

        return grid;
    }

    private static string Name(EnergyNode node) => node switch
    {
        EnergyNode.Pv => "[yellow]PV[/]",
        EnergyNode.Battery => "[green]Battery[/]",
        EnergyNode.Grid => "[grey]Grid[/]",
        _ => "[blue]House[/]",
    };

    private static string Colour(EnergyNode node) => node switch
    {
        EnergyNode.Pv => "yellow",
        EnergyNode.Battery => "green",
        EnergyNode.Grid => "grey",
        _ => "blue",
    };
}
