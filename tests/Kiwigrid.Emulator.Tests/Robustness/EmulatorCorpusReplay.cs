using System.Text;

using Kiwigrid.Emulator.Bus;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Emulator.Tests.Robustness;

/// <summary>Corpus replay and a bounded mutation fuzz for the emulator's client-frame reader and getDevices query parser.</summary>
public sealed class EmulatorCorpusReplay
{
    private const string ClientFrames = "sockjs-client-frames";
    private const string QueryParams = "getdevices-params";

    public static TheoryData<string> ClientFrameEntries => FuzzCorpus.Names(ClientFrames);

    public static TheoryData<string> QueryEntries => FuzzCorpus.Names(QueryParams);

    [Theory]
    [MemberData(nameof(ClientFrameEntries))]
    public void Client_frame_entry_replays_cleanly(string name) =>
        MutationFuzzer.Replay(ClientFrames, name, Entry(ClientFrames, name), ReadClientFrame);

    [Theory]
    [MemberData(nameof(QueryEntries))]
    public void Query_entry_replays_cleanly(string name)
    {
        var site = DeviceQueryProperties.Site();
        MutationFuzzer.Replay(QueryParams, name, Entry(QueryParams, name), input => DeviceQueryProperties.RunQuery(Encoding.UTF8.GetString(input), site));
    }

    [Fact]
    public void Golden_client_frames_are_all_read()
    {
        foreach (var (name, input) in FuzzCorpus.Load(ClientFrames).Where(entry => entry.Name.StartsWith("golden-", StringComparison.Ordinal)))
        {
            Assert.True(SockJsFrames.ParseClientFrame(input) is { Count: > 0 }, $"{name} was not read.");
        }
    }

    [Fact]
    public void Mutated_client_frames_never_throw() => MutationFuzzer.Run(ClientFrames, ReadClientFrame);

    [Fact]
    public void Mutated_query_params_only_raise_query_errors()
    {
        var site = DeviceQueryProperties.Site();
        MutationFuzzer.Run(QueryParams, input => DeviceQueryProperties.RunQuery(Encoding.UTF8.GetString(input), site));
    }

    private static byte[] Entry(string target, string name) => File.ReadAllBytes(Path.Combine(FuzzCorpus.Folder(target), name));

    private static void ReadClientFrame(byte[] input) => _ = SockJsFrames.ParseClientFrame(input);
}
