using System.Text;
using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Portal;
using Kiwigrid.Emulator.Sites;

namespace Kiwigrid.Emulator.Export;

/// <summary>
/// Kiwigrid's CSV export backend (PROTOCOL-NOTES.md, History): <c>POST /v1.0/export</c> with the accessToken in
/// the <c>token</c> header and a JSON request body; answers the site's history as CSV.
/// </summary>
internal static class ExportEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1.0/export", ExportAsync);
        return routes;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, AccessTokens tokens, ISite site, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ExportEndpoints));
        switch (tokens.Check(context.Request.Headers["token"].ToString(), out var user))
        {
            case AccessTokenValidity.Expired:
                ExportLog.Refused(logger, "expired token");
                return JsonResponse.Of(new JsonObject { ["error"] = "token_expired" }, 419);
            case AccessTokenValidity.Invalid:
                ExportLog.Refused(logger, "missing or invalid token");
                return JsonResponse.Of(new JsonObject { ["error"] = "invalid_token" }, StatusCodes.Status401Unauthorized);
        }

        ExportRequest request;
        try
        {
            request = ExportRequestParser.Parse(await BodyAsync(context).ConfigureAwait(false));
        }
        catch (InvalidExportRequestException e)
        {
            ExportLog.Refused(logger, e.Message);
            return JsonResponse.Error(StatusCodes.Status400BadRequest, "invalid_request", e.Message);
        }

        var csv = CsvExport.Write(request, ExportValues.Compute(site, request));
        ExportLog.Exported(logger, user!, request.Intervals.Count, request.Columns.Count);
        context.Response.Headers.ContentDisposition = ContentDisposition(request.Layout.FileName);
        return Results.Text(csv, "text/csv; charset=utf-8");
    }

    /// <summary>The body, at most 1 MiB.</summary>
    /// <exception cref="InvalidExportRequestException">The body is larger.</exception>
    private static async Task<byte[]> BodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new InvalidExportRequestException("The body is larger than 1 MiB.");
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                throw new InvalidExportRequestException("The body is larger than 1 MiB.");
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    /// <summary>
    /// <c>attachment; filename="…"</c>; a name beyond ASCII, which an HTTP header cannot carry as is, gets an ASCII
    /// stand-in plus RFC 6266's <c>filename*</c>.
    /// </summary>
    private static string ContentDisposition(string fileName)
    {
        if (Ascii.IsValid(fileName))
        {
            return $"attachment; filename=\"{fileName}\"";
        }

        var standIn = new string([.. fileName.Select(ch => Ascii.IsValid(ch) ? ch : '_')]);
        return $"attachment; filename=\"{standIn}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
