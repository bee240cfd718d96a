using Audit.Service.Security;
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

    /// <summary>Records the download of bytes made for this request (a CSV of a list) with their SHA-256, also sent as X-Content-SHA256.</summary>
    public static async Task RecordAsync(HttpContext context, AuditTrail trail, byte[] bytes, string subject, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var sha256 = await AuditTrail.Sha256Async(stream, cancellationToken);
        await trail.DownloadAsync(context.User.Caller(), context.Request.Describe(), subject, sha256, cancellationToken);
        context.Response.Headers["X-Content-SHA256"] = sha256;
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
}
