using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.WebApp;

/// <summary>
/// Serves the browser app (src/WebApp, built by Vite) from <c>/</c> on the API's own origin: hashed assets cached for a
/// year, <c>index.html</c> revalidated on every load and answered for every client route, never for the API's paths.
/// </summary>
public static class WebAppSetup
{
    /// <summary>Paths that belong to the API: an unknown one is a 404 problem, never the app.</summary>
    private static readonly string[] ApiPrefixes = ["/api", "/media", "/health", "/swagger"];

    public const string NotBuiltMessage =
        "The web app is not built: install Node.js 20 or later (with npm), then build again (dotnet build src/WebApi). The API works meanwhile; see /swagger.";

    public static IServiceCollection AddWebApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebAppOptions>().BindConfiguration(WebAppOptions.SectionName);
        services.AddSingleton(new AppHeaders(ContentSecurityPolicy.For(configuration)));
        // Only the app's scripts and styles: API responses (which may carry signed links) are never compressed here.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/javascript", "text/css", "image/svg+xml"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Optimal, not the default Fastest: a hashed asset is compressed once per browser, then cached for a year.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static WebApplication UseWebApp(this WebApplication app)
    {
        var root = ResolveRoot(app.Environment, app.Services.GetRequiredService<IOptions<WebAppOptions>>().Value);
        IFileProvider files = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();
        var headers = app.Services.GetRequiredService<AppHeaders>();

        app.UseResponseCompression();
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && IsClientRoute(context.Request))
            {
                if (!files.GetFileInfo("index.html").Exists)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    await context.Response.WriteAsync(NotBuiltMessage + "\n");
                    return;
                }

                context.Request.Path = "/index.html";
            }

            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = file => headers.Apply(file.Context, file.File.Name),
        });
        return app;
    }

    /// <summary>A GET of a path without a file extension outside the API's prefixes: the app routes it.</summary>
    internal static bool IsClientRoute(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        if (ApiPrefixes.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var last = path[(path.LastIndexOf('/') + 1)..];
        return !last.Contains('.', StringComparison.Ordinal);
    }

    private static string ResolveRoot(IWebHostEnvironment environment, WebAppOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.RootPath))
        {
            return Path.GetFullPath(options.RootPath, environment.ContentRootPath);
        }

        // A published app carries the build in webapp/ beside the binaries; a source checkout has it in src/WebApp/dist.
        var published = Path.Combine(AppContext.BaseDirectory, "webapp");
        var source = Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "WebApp", "dist"));
        return File.Exists(Path.Combine(published, "index.html")) || !Directory.Exists(Path.GetDirectoryName(source)) ? published : source;
    }

    /// <summary>Caching and security headers of the app's own files.</summary>
    internal sealed class AppHeaders(string contentSecurityPolicy)
    {
        public string ContentSecurityPolicy { get; } = contentSecurityPolicy;

        public void Apply(HttpContext context, string fileName)
        {
            var response = context.Response.Headers;
            response.XContentTypeOptions = "nosniff";
            // Vite names every file under assets/ by its content hash: a changed file gets a new name.
            response.CacheControl = context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            if (fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentSecurityPolicy = ContentSecurityPolicy;
                // A signed picture link must never leave through a Referer header.
                response["Referrer-Policy"] = "no-referrer";
                response["Cross-Origin-Opener-Policy"] = "same-origin";
                response.XFrameOptions = "DENY";
            }
        }
    }
}
