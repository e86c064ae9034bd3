using System.Text.Json.Nodes;

using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests;

/// <summary>The client's register and publish through the emulator's bridge, between two logged-in clients.</summary>
public sealed class MessagingTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Messages_published_by_one_client_reach_the_subscriber_of_another_in_order()
    {
        await using var home = await EmulatedHome.StartAsync();
        await using var listener = await home.ConnectAsync();
        await using var speaker = await home.ConnectAsync();
        using var timeout = new CancellationTokenSource(Prompt);
        await using var notes = listener.SubscribeAsync("site.notes", timeout.Token).GetAsyncEnumerator(timeout.Token);

        // The registration goes out when the enumeration starts: publish the first note until it has arrived.
        var first = notes.MoveNextAsync().AsTask();
        while (!first.IsCompleted)
        {
            await speaker.PublishAsync("site.notes", new JsonObject { ["text"] = "battery full", ["seq"] = 0 }, timeout.Token);
            await Task.WhenAny(first, Task.Delay(50, timeout.Token));
        }

        Assert.True(await first);
        Assert.Equal("battery full", notes.Current.GetProperty("text").GetString());
        await speaker.PublishAsync("site.notes", new JsonObject { ["text"] = "car charged", ["seq"] = 1 }, timeout.Token);
        await speaker.PublishAsync("site.notes", new JsonObject { ["text"] = "grid back", ["seq"] = 2 }, timeout.Token);
        var later = new List<string>();
        while (later.Count < 2 && await notes.MoveNextAsync())
        {
            if (notes.Current.GetProperty("seq").GetInt32() > 0)
            {
                later.Add(notes.Current.GetProperty("text").GetString()!);
            }
        }

        Assert.Equal(["car charged", "grid back"], later);
    }

    [Fact]
    public async Task Subscribing_or_publishing_on_a_disposed_client_is_refused()
    {
        await using var home = await EmulatedHome.StartAsync();
        var client = await home.ConnectAsync();
        await client.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => client.SubscribeAsync("site.notes"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.PublishAsync("site.notes", []));
    }
}
