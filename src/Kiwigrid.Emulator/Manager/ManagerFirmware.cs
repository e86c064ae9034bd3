namespace Kiwigrid.Emulator.Manager;

/// <summary>Which local API the emulated Manager's firmware serves (docs/PROTOCOL-NOTES.md, the Manager's wire).</summary>
public enum ManagerFirmware
{
    /// <summary>Before 10.26.24.4: openHAB's <c>/rest/items</c> and <c>/rest/things</c>; an expired session answers 401.</summary>
    Old,

    /// <summary>10.26.24.4 and later: <c>/rest/hems-configurator/…</c>; an expired session answers the sign-in page.</summary>
    New,
}
