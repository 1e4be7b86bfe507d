using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Dure.Server.WebConsole;

/// <summary>
/// The web console at <c>/console</c>: plain HTML, CSS and JavaScript modules embedded in this assembly, a client of
/// the partner API only. <c>/</c> redirects to it.
/// </summary>
public static class ConsoleSite
{
    public const string Path = "/console";

    // Everything the console loads comes from this server: scripts and styles from files, data from /v1 and the device socket.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplication UseConsoleSite(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new ManifestEmbeddedFileProvider(typeof(ConsoleSite).Assembly, "Console");
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";

        app.MapGet("/", () => Results.Redirect(Path + "/")).ExcludeFromDescription();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch =>
        {
            branch.Use((context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidate every time (the ETag makes that cheap), so a new build's files are never mixed with old ones.
                headers.CacheControl = "no-cache";
                return next(context);
            });
            branch.UseFileServer(new FileServerOptions
            {
                RequestPath = Path,
                FileProvider = files,
                StaticFileOptions = { ContentTypeProvider = types },
            });
        });
        return app;
    }
}
