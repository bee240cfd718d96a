using Audit.Service.Data;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;

namespace Audit.Service.Apis;

/// <summary>
/// Serves a stored file and records the download with the SHA-256 of the very bytes sent: the hash is taken
/// over the open handle that is then streamed, so a report replaced meanwhile (files are moved into place,
/// never rewritten) cannot make the entry name other bytes than the ones served.
/// </summary>
internal static class Downloads
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The file named <paramref name="fileName"/> directly inside <paramref name="folder"/>, or null (no paths, no traversal).</summary>
    public static string? Resolve(string? folder, string fileName)
    {
        if (folder is null || fileName.Length == 0 || fileName != Path.GetFileName(fileName) || fileName is "." or ".."
            || fileName.EndsWith(".partial", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(folder, fileName);
        return File.Exists(path) ? path : null;
    }

    public static async Task<FileStreamHttpResult> ServeAsync(HttpContext context, AuditTrail trail, string path, string subject, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        try
        {
            var sha256 = await AuditTrail.Sha256Async(stream, cancellationToken);
            stream.Position = 0;
            await trail.DownloadAsync(context.User.Caller(), context.Request.Describe(), subject, sha256, cancellationToken);
            context.Response.Headers["X-Content-SHA256"] = sha256;
            var name = Path.GetFileName(path);
            return TypedResults.Stream(stream, ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream", name);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>The files a user may download from a finished folder (never staging leftovers).</summary>
    public static IReadOnlyList<string> FilesIn(string? folder) =>
        folder is not null && Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
}
