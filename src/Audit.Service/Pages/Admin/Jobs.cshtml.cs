using Audit.Service.Apis;
using Audit.Service.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Admin;

/// <summary>
/// Jobs: a scan now (queued for the job server exactly as POST /api/v1/scans queues it, its progress shown while
/// the page refreshes itself), the recurring jobs with a run-now button, and the newest runs from the JobRun
/// ledger. The full dashboard is at /hangfire.
/// </summary>
public sealed class JobsModel(JobStorage storage, IBackgroundJobClient jobs, IRecurringJobManagerV2 recurring, JobLedger ledger) : PageModel
{
    [BindProperty]
    public string? AsOf { get; set; }

    /// <summary>The scan this page follows (its job id), after "Scan now".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Scan { get; set; }

    public string? AsOfError { get; private set; }

    public JobState? ScanState { get; private set; }

    public string? ScanProgress { get; private set; }

    public JobRunRecord? ScanRun { get; private set; }

    public IReadOnlyList<RecurringJobDto> Recurring { get; private set; } = [];

    public IReadOnlyList<JobRunRecord> Runs { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public bool ScanInProgress => ScanState?.Status is "queued" or "running";

    public string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostScanAsync(CancellationToken cancellationToken)
    {
        var answer = ScansApi.Enqueue(new ScanRequest(AsOf), jobs, storage).Result;
        if (answer is Microsoft.AspNetCore.Http.HttpResults.AcceptedAtRoute<JobState> accepted)
        {
            return RedirectToPage(new { scan = accepted.Value!.JobId });
        }

        AsOfError = (answer as Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)?.ProblemDetails.Detail;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public IActionResult OnPostTrigger(string id)
    {
        if (!RecurringJobs.Ids.Contains(id, StringComparer.Ordinal))
        {
            return NotFound();
        }

        var jobId = recurring.TriggerJob(id);
        Message = string.IsNullOrEmpty(jobId) ? $"{id}: not triggered (the job store refused it)." : $"{id}: queued as job {jobId}. Its run appears below when it starts.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Runs = await ledger.RecentAsync(30, cancellationToken);
        using (var connection = storage.GetConnection())
        {
            Recurring = connection.GetRecurringJobs(RecurringJobs.Ids.ToList());
        }

        if (Scan is { Length: > 0 } scan && JobStates.Read<ScanAsOfJob>(storage, scan) is { } found)
        {
            ScanState = found.State;
            ScanProgress = JobProgress.Read(storage, scan);
            ScanRun = Runs.FirstOrDefault(r => r.BackgroundJobId == scan);
            AsOf ??= found.Args[0] as string;
        }
    }
}
