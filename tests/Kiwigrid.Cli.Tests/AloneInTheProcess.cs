namespace Kiwigrid.Cli.Tests;

/// <summary>
/// Tests on a <see cref="PumpedClock"/> run alone in the test process, after the others: the <see cref="ClockPump"/>
/// moves the clock only while the whole process is idle, which tests running beside them would rarely let it be.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    public const string Name = nameof(AloneInTheProcess);
}
