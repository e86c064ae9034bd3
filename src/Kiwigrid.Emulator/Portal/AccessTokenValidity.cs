namespace Kiwigrid.Emulator.Portal;

/// <summary>What the bus makes of an accessToken: its user, or why it is refused.</summary>
internal enum AccessTokenValidity
{
    Valid,

    /// <summary>Missing, malformed or not signed by this emulator: the service answers 401.</summary>
    Invalid,

    /// <summary>Signed by this emulator but past its expiration: the service answers 419.</summary>
    Expired,
}
