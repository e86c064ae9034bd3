namespace Kiwigrid.Emulator.Hosting;

/// <summary>
/// The emulator's own base address, known once Kestrel has bound its port. Every redirect points here, whatever a
/// client asks for, so that a client following redirects never leaves the emulator.
/// </summary>
internal sealed class EmulatorAddress
{
    private Uri? _baseUri;

    public Uri BaseUri
    {
        get => _baseUri ?? throw new InvalidOperationException("The emulator has not bound its address yet.");
        set => _baseUri = value;
    }

    /// <summary>An absolute address on the emulator for a path (with query) starting with '/'.</summary>
    public string At(string pathAndQuery) => BaseUri.GetLeftPart(UriPartial.Authority) + pathAndQuery;
}
