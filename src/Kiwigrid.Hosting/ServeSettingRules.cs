namespace Kiwigrid.Hosting;

/// <summary>
/// The rules that <c>kiwigrid serve</c>'s flags and the host's configuration keys share: control and any origin need
/// an access token, and the classic API opens to the network only when it is served.
/// </summary>
internal static class ServeSettingRules
{
    /// <exception cref="KiwigridSetupException">Two settings do not go together; the sentence uses <paramref name="names"/>.</exception>
    public static void Check(ServeSettingNames names, bool hasToken, bool allowControl, AllowedOrigins? origins, bool classicApi, bool classicApiLan)
    {
        // Loopback is no shelter for changes either: any program on this machine, and any page a browser here opens.
        if (allowControl && !hasToken)
        {
            throw new KiwigridSetupException($"{names.AllowControl} needs an access token, also on this machine alone; set one with {names.AccessToken}.");
        }

        // Loopback is no shelter here: the browser on this machine runs the pages of every website it visits.
        if (origins is { AnyOrigin: true } && !hasToken)
        {
            throw new KiwigridSetupException(
                $"{names.AllowedOrigins} * lets every website you visit read this server; name the origins, or set an access token with {names.AccessToken}.");
        }

        if (classicApiLan && !classicApi)
        {
            throw new KiwigridSetupException($"{names.ClassicApiLan} only applies with {names.ClassicApi}.");
        }
    }
}
