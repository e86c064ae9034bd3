namespace Kiwigrid.Cli.Tests;

/// <summary>A long-running command collects once the heap has grown by about a reading's worth.</summary>
/// <remarks>Alone: the commands other tests run call the same collector, and their collections would count here.</remarks>
[Collection(AloneInTheProcess.Name)]
public sealed class ReadingMemoryTests
{
    [Fact]
    public void A_heap_grown_by_more_than_a_reading_is_collected_after_the_next_one()
    {
        ReadingMemory.AfterReading(first: false);
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);

        // What a few readings leave behind, as garbage only a full collection takes (a large object).
        GC.KeepAlive(new byte[8 * 1024 * 1024]);

        ReadingMemory.AfterReading(first: false);

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullCollections);
    }
}
