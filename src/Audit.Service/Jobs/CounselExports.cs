using System.Text.Json;
using System.Text.Json.Serialization;
using Audit.Reports.Export;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Reporting;
using Audit.Service.Security;
using Hangfire;

namespace Audit.Service.Jobs;

/// <summary>An export request and where it stands; <see cref="Files"/> once it succeeded (manifest.json among them).</summary>
public sealed record ExportStatus(JobState Job, LineageExportRequest Request, IReadOnlyList<string> Files);

/// <summary>An export request as the audit log recorded it: who asked, when.</summary>
public sealed record ExportRequested(string ExportId, DateTime At, string Actor, ExportStatus? Status);

/// <summary>
/// Counsel's exports for the API and the page alike: a scope checked against the data before anything is
/// queued, the request queued for the counsel export job and written to the audit log, where each stands, its
/// folder and its manifest. Long work stays in the job server; nothing here builds an export.
/// </summary>
public sealed class CounselExports(IBackgroundJobClient jobs, JobStorage storage, AuditTrail trail, Database database)
{
    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Queues the export when the scope holds; otherwise its problems and nothing queued or logged.</summary>
    public async Task<(ExportStatus? Status, IReadOnlyList<ScopeProblem> Problems)> RequestAsync(
        (LineageExportRequest? Request, IReadOnlyList<ScopeProblem> Problems) parsed, Caller caller, string requestDescription, CancellationToken cancellationToken)
    {
        if (parsed.Request is not { } request)
        {
            return (null, parsed.Problems);
        }

        var problems = await ExportScopes.CheckAsync(database, request, cancellationToken);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        // Who asked goes into the export's manifest and its workbook, not only the audit log.
        var asked = request with { RequestedBy = $"{caller.Name} ({caller.Role.Code()})" };
        var jobId = jobs.Enqueue<CounselExportJob>(j => j.ExecuteAsync(asked, null!, CancellationToken.None));
        await trail.ExportRequestedAsync(caller, requestDescription, jobId, JsonSerializer.Serialize(asked), cancellationToken);
        return (Find(jobId), []);
    }

    /// <summary>An export by its id (the job's), or null when there is no counsel export of that id.</summary>
    public ExportStatus? Find(string exportId) =>
        JobStates.Read<CounselExportJob>(storage, exportId) is { } found
            ? new ExportStatus(found.State, (LineageExportRequest)found.Args[0]!, OutputFiles.FilesIn(found.Result))
            : null;

    /// <summary>The folder of a finished export, or null.</summary>
    public string? Folder(string exportId) =>
        JobStates.Read<CounselExportJob>(storage, exportId) is { State.Status: "succeeded" } found ? found.Result : null;

    /// <summary>The manifest a finished export wrote (row count and the SHA-256 of each file), or null.</summary>
    public async Task<LineageExportManifest?> ManifestAsync(string exportId, CancellationToken cancellationToken)
    {
        if (OutputFiles.Resolve(Folder(exportId), LineageExportWriter.ManifestFileName) is not { } path)
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<LineageExportManifest>(stream, ManifestJson, cancellationToken);
    }

    /// <summary>The newest export requests, from the audit log (the record of who asked), with where each stands.</summary>
    public async Task<IReadOnlyList<ExportRequested>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        const string prefix = "export ";
        var entries = await trail.ListAsync(new AuditQuery(Action: AuditActions.ExportRequest, Limit: limit), cancellationToken);
        return entries
            .Where(e => e.Subject?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .Select(e => new ExportRequested(e.Subject![prefix.Length..], e.At, e.Actor, Find(e.Subject[prefix.Length..])))
            .ToList();
    }
}
