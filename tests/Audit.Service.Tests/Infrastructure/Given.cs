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
    public const string DatasetPurgesHeader = "dataset_namespace,dataset_name,purged_on,reference,note";
    public const string ExposureTheoriesHeader = "theory_id,regime,jurisdiction,triggering_rules,unit,low_amount,high_amount,turnover_share_low,turnover_share_high,currency,cap_group,effective_from,confidence,citation,note,primary_source,pinpoint,verified_on,verified_by";

    /// <summary>One valid row per kind, in the order of <see cref="ImportSpecs.All"/>; each refers only to earlier ones.</summary>
    public static readonly IReadOnlyList<(ImportSpec Spec, string Header, string Row)> EveryKind =
    [
        (ImportSpecs.Workers, WorkersHeader, "W1,Ada,employee,2020-01-01,,"),
        (ImportSpecs.WorkerLocations, LocationsHeader, "W1,DE,DE-BE,2020-01-01,"),
        (ImportSpecs.Programs, ProgramsHeader, "mci,MCI,Train,false,,none,,"),
        (ImportSpecs.CaptureTools, ToolsHeader, "rec,Recorder,"),
        (ImportSpecs.CaptureConfigs, ConfigsHeader, "rec,1.0,mci,2026-01-01,,screenshots,60,ai_training,,"),
        (ImportSpecs.Notices, NoticesHeader, "N1,rec,mci,1,2026-01-01,security,,false,"),
        (ImportSpecs.Acknowledgements, AcknowledgementsHeader, "W1,N1,2026-01-02T09:00:00Z,security"),
        (ImportSpecs.OptOuts, OptOutsHeader, "W1,mci,2026-02-01T09:00:00Z,future_only"),
        (ImportSpecs.Datasets, DatasetsHeader, "s3://cap,raw,raw_capture,,2026-01-01"),
        (ImportSpecs.LineageEdges, EdgesHeader, "s3://cap,raw,s3://cap,raw,ml,self,copy,2026-01-01,2026-01-02"),
        (ImportSpecs.CaptureBatches, BatchesHeader, "B1,W1,rec,1.0,s3://cap,raw,2026-01-05,2026-01-06,60,100"),
        (ImportSpecs.CompensationAgreements, AgreementsHeader, "AG-1,W1,mci,stipend,100,USD,2026-01-01,"),
        (ImportSpecs.WorkforceEvents, WorkforceEventsHeader, "RIF-1,reduction_in_force,2026-05-06,,,"),
        (ImportSpecs.ExposureTheories, ExposureTheoriesHeader, "DE-705,19 Del. C. 705,US-DE,R2;R8,per_violation,100,100,,,USD,,2001-12-22,A,19 Del. C. 705,,Delaware Code Title 19,§ 705(c),2026-01-02,counsel"),
        (ImportSpecs.DatasetPurges, DatasetPurgesHeader, "s3://cap,raw,2026-03-01,DP-1,"),
    ];

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

    /// <summary>A notice of tool "rec" (a notice belongs to its tool's or its program's series).</summary>
    public static async Task NoticeAsync(this TestDatabase db, string id)
    {
        await db.ToolAsync("rec");
        await db.ImportCsvAsync(ImportSpecs.Notices, "notice_id,tool_id,version,published_on,purposes,offers_opt_out", $"{id},rec,1,2026-01-01,security,false");
    }

    public static Task DatasetsAsync(this TestDatabase db, params string[] names) =>
        db.ImportCsvAsync(ImportSpecs.Datasets, "namespace,name,kind,first_seen", [.. names.Select(n => $"s3://cap,{n},raw_capture,2026-01-01")]);
}
