namespace Kiwigrid.Client.Hems;

public sealed partial class HemsClient
{
    /// <summary>
    /// A session that logs in through SOLARWATT OneID on its first request rather than now, so a caller can set
    /// everything up before anything goes over the wire. Logins are serialised and repeated after a refused token,
    /// as for <see cref="ConnectAsync"/>; a refused login surfaces on the first request.
    /// </summary>
    /// <param name="username">The SOLARWATT login (e-mail).</param>
    /// <param name="password">The password; kept in memory to log in, never logged.</param>
    /// <param name="options">Hosts, timeouts, clock and logging; null for <see cref="HemsClientOptions.Default"/>.</param>
    public static HemsClient Create(string username, string password, HemsClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        return new HemsClient(username, password, options ?? HemsClientOptions.Default);
    }

    /// <summary>Whether a login has succeeded: the hosts and the credentials are right.</summary>
    internal bool HasLoggedIn => _token is not null;
}
