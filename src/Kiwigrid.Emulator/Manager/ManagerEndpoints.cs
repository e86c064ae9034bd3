using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// The emulated SOLARWATT Manager flex/rail on its own origin only (docs/PROTOCOL-NOTES.md, "The Manager flex/rail on
/// the LAN"): the sign-in page, <c>/auth/login</c>, and the firmware's <c>/rest/…</c> API behind the
/// <c>kiwisessionid</c> cookie. A terminal branch ahead of the cloud's routing, since its paths (<c>/</c> above all)
/// are the cloud's too on the main origin, which keeps playing the classic Energy Manager.
/// </summary>
internal static class ManagerEndpoints
{
    private const string EnergyOverviewPath = "/rest/hems-configurator/energy-overview";
    private const string ConfiguratorThingsPath = "/rest/hems-configurator/things";
    private const string ItemsPath = "/rest/items";
    private const string ThingsPath = "/rest/things";
    private const string ItemPrefix = "/rest/items/";

    public static IApplicationBuilder UseManager(this IApplicationBuilder app) => app.MapWhen(
        context => context.RequestServices.GetRequiredService<EmulatorAddress>().HostOf(context) == EmulatedHost.Manager,
        manager => manager.Run(AnswerAsync));

    private static Task AnswerAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<EmulatorOptions>().Manager!;
        var login = services.GetRequiredService<ManagerLogin>();
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path is "/" or "/logon.html")
        {
            return HttpMethods.IsGet(request.Method)
                ? ManagerAnswers.HtmlAsync(context, ManagerSignInPage.Html(options), StatusCodes.Status200OK)
                : ManagerAnswers.StatusAsync(context, StatusCodes.Status405MethodNotAllowed);
        }

        if (path == "/auth/login")
        {
            return HttpMethods.IsPost(request.Method)
                ? login.AnswerAsync(context)
                : ManagerAnswers.StatusAsync(context, StatusCodes.Status405MethodNotAllowed);
        }

        var serves = options.Firmware == ManagerFirmware.New
            ? path is EnergyOverviewPath or ConfiguratorThingsPath
            : path is ItemsPath or ThingsPath || (path.StartsWith(ItemPrefix, StringComparison.Ordinal) && path.Length > ItemPrefix.Length);
        if (!serves)
        {
            return ManagerAnswers.StatusAsync(context, StatusCodes.Status404NotFound);
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            return ManagerAnswers.StatusAsync(context, StatusCodes.Status405MethodNotAllowed);
        }

        if (!login.Sessions.IsLive(request.Cookies[ManagerSessions.CookieName]))
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ManagerEndpoints));
            ManagerLog.NoSession(logger, request.Path);

            // New firmware shows the sign-in page instead of JSON (fact); old firmware refuses with an empty 401 (design).
            return options.Firmware == ManagerFirmware.New
                ? ManagerAnswers.HtmlAsync(context, ManagerSignInPage.Html(options), StatusCodes.Status200OK)
                : ManagerAnswers.StatusAsync(context, StatusCodes.Status401Unauthorized);
        }

        var home = ManagerHome.Take(services.GetRequiredService<ISite>());
        var origin = services.GetRequiredService<EmulatorAddress>().Hosts[EmulatedHost.Manager];
        if (path.StartsWith(ItemPrefix, StringComparison.Ordinal))
        {
            var name = path[ItemPrefix.Length..];
            return ManagerItems.Has(home, name)
                ? ManagerAnswers.JsonAsync(context, w => ManagerItems.WriteOne(w, home, name, origin))
                : ManagerAnswers.StatusAsync(context, StatusCodes.Status404NotFound);
        }

        return path switch
        {
            EnergyOverviewPath => ManagerAnswers.JsonAsync(context, w => ManagerEnergyOverview.Write(w, home)),
            ConfiguratorThingsPath => ManagerAnswers.JsonAsync(context, w => ManagerThingLists.WriteConfiguratorThings(w, home)),
            ItemsPath => ManagerAnswers.JsonAsync(context, w => ManagerItems.Write(w, home, origin)),
            _ => ManagerAnswers.JsonAsync(context, w => ManagerThingLists.WriteOpenHabThings(w, home)),
        };
    }
}
