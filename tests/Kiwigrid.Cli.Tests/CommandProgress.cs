namespace Kiwigrid.Cli.Tests;

/// <summary>Waiting, in a test, for a long-running command (watch, serve) to get somewhere while it runs.</summary>
internal static class CommandProgress
{
    /// <summary>
    /// Returns once <paramref name="condition"/> holds; fails the test when the command ends first or
    /// <paramref name="patience"/> runs out.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, Task<CliOutcome> run, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (run.IsCompleted)
            {
                Assert.Fail("The command ended early: " + await run);
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the command's output.");
            await Task.Delay(20);
        }
    }
}
