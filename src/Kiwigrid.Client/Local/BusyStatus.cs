namespace Kiwigrid.Client.Local;

/// <summary>
/// The HTTP statuses with which a device on the LAN says it is busy or starting (a server error, 408, 429): trouble that
/// passes, where any other error status means the address serves something else.
/// </summary>
internal static class BusyStatus
{
    public static bool Is(int status) => status is >= 500 or 408 or 429;
}
