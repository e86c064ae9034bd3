using System.Text;

using Kiwigrid.Client.Auth;
using Kiwigrid.Testing.Robustness;

namespace Kiwigrid.Client.Tests.Robustness;

/// <summary>
/// Corpus replay and a bounded mutation fuzz for the client's parsers. Each corpus entry (tests/corpus/&lt;target&gt;)
/// and each mutant may only end in the documented outcome: a parsed value or the parser's own error type.
/// </summary>
public sealed class ClientCorpusReplay
{
    private const string ServerFrames = "sockjs-server-frames";
    private const string Envelopes = "eventbus-envelopes";
    private const string Context = "context-js";

    public static TheoryData<string> ServerFrameEntries => FuzzCorpus.Names(ServerFrames);

    public static TheoryData<string> EnvelopeEntries => FuzzCorpus.Names(Envelopes);

    public static TheoryData<string> ContextEntries => FuzzCorpus.Names(Context);

    [Theory]
    [MemberData(nameof(ServerFrameEntries))]
    public void Server_frame_entry_replays_cleanly(string name) =>
        MutationFuzzer.Replay(ServerFrames, name, Entry(ServerFrames, name), SockJsFrameCodecProperties.DecodeAndParse);

    [Theory]
    [MemberData(nameof(EnvelopeEntries))]
    public void Envelope_entry_replays_cleanly(string name) =>
        MutationFuzzer.Replay(Envelopes, name, Entry(Envelopes, name), ParseEnvelope);

    [Theory]
    [MemberData(nameof(ContextEntries))]
    public void Context_js_entry_replays_cleanly(string name) =>
        MutationFuzzer.Replay(Context, name, Entry(Context, name), FindToken);

    [Fact]
    public void The_real_context_js_seed_yields_its_token()
    {
        var script = Encoding.UTF8.GetString(Entry(Context, "desktop-context.js"));

        Assert.Equal("eyJ1c2VyX2lkIjoiZGVtbyJ9.c2ln", ContextJs.FindAccessToken(script));
    }

    [Fact]
    public void Mutated_server_frames_only_raise_protocol_errors() =>
        MutationFuzzer.Run(ServerFrames, SockJsFrameCodecProperties.DecodeAndParse);

    [Fact]
    public void Mutated_envelopes_only_raise_protocol_errors() =>
        MutationFuzzer.Run(Envelopes, ParseEnvelope);

    [Fact]
    public void Mutated_context_js_never_throws() =>
        MutationFuzzer.Run(Context, FindToken);

    private static byte[] Entry(string target, string name) => File.ReadAllBytes(Path.Combine(FuzzCorpus.Folder(target), name));

    /// <summary>The envelope, then the body as the code waiting for a reply reads it.</summary>
    private static void ParseEnvelope(byte[] input) => SockJsFrameCodecProperties.ReadMessage(input);

    private static void FindToken(byte[] input)
    {
        var token = ContextJs.FindAccessToken(Encoding.UTF8.GetString(input));
        if (token is not null)
        {
            Assert.DoesNotMatch("[\"'\r\n]", token);
            Assert.NotEmpty(token);
        }
    }
}
