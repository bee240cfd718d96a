using Audit.Service.Ingest;

namespace Audit.Service.Tests.Infrastructure;

/// <summary>The rows a test needs before the one it is about, one call each, with the fewest columns the import accepts.</summary>
public static class Given
{
    public const string WorkersHeader = "worker_id,display_name,employment_type,hire_date,termination_date,termination_reason";
    public const string LocationsHeader = "worker_id,country,subdivision,valid_from,valid_to";
    public const string ProgramsHeader = "program_id,name,purpose,eu_exempt,eu_exemption_rationale,opt_out,opt_out_description,compensation_policy";
    public const string ToolsHeader = "tool_id,name,vendor";
    public const string ConfigsHeader = "tool_id,version,program_id,effective_from,effective_to,capabilities,screenshot_interval_seconds,purposes,countries_included,countries_excluded";
    public const string NoticesHeader = "notice_id,tool_id,program_id,version,published_on,purposes,capabilities,offers_opt_out,summary";
    public const string AcknowledgementsHeader = "worker_id,notice_id,acknowledged_at,consent_purposes";
    public const string OptOutsHeader = "worker_id,program_id,opted_out_at,scope";
    public const string DatasetsHeader = "namespace,name,kind,commercial,first_seen";
    public const string EdgesHeader = "source_namespace,source_name,target_namespace,target_name,job_namespace,job_name,transform,first_seen,last_seen";
    public const string BatchesHeader = "batch_id,worker_id,tool_id,config_version,dataset_namespace,dataset_name,captured_from,captured_to,active_minutes,event_count";
    public const string AgreementsHeader = "agreement_id,worker_id,program_id,kind,amount,currency,period_from,period_to";
    public const string WorkforceEventsHeader = "event_id,kind,announced_on,effective_on,affected_count,description";

    public static Task WorkersAsync(this TestDatabase db, params string[] ids) =>
        db.ImportCsvAsync(ImportSpecs.Workers, "worker_id,employment_type,hire_date", [.. ids.Select(id => $"{id},employee,2020-01-01")]);

    public static Task ProgramAsync(this TestDatabase db, string id) =>
        db.ImportCsvAsync(ImportSpecs.Programs, "program_id,name,purpose,eu_exempt,opt_out", $"{id},Program {id},Train agents,false,none");

    public static Task ToolAsync(this TestDatabase db, string id) =>
        db.ImportCsvAsync(ImportSpecs.CaptureTools, "tool_id,name", $"{id},Tool {id}");

    public static async Task ConfigAsync(this TestDatabase db, string tool, string version)
    {
        await db.ToolAsync(tool);
        await db.ImportCsvAsync(ImportSpecs.CaptureConfigs, "tool_id,version,effective_from,capabilities,purposes", $"{tool},{version},2026-01-01,keystrokes,security");
    }

    public static Task NoticeAsync(this TestDatabase db, string id) =>
        db.ImportCsvAsync(ImportSpecs.Notices, "notice_id,version,published_on,purposes,offers_opt_out", $"{id},1,2026-01-01,security,false");

    public static Task DatasetsAsync(this TestDatabase db, params string[] names) =>
        db.ImportCsvAsync(ImportSpecs.Datasets, "namespace,name,kind,first_seen", [.. names.Select(n => $"s3://cap,{n},raw_capture,2026-01-01")]);
}
