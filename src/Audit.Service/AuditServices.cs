using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Domain;
using Audit.Service.Ingest;
using Audit.Service.Ingest.OpenLineage;

namespace Audit.Service;

/// <summary>The service graph shared by the CLI and the web host.</summary>
public static class AuditServices
{
    public static IServiceCollection AddAuditCore(this IServiceCollection services)
    {
        services.AddCheckedOptions<DatabaseOptions>(DatabaseOptions.SectionName);
        services.AddCheckedOptions<AuditOptions>(AuditOptions.SectionName);
        services.AddCheckedOptions<Jobs.JobsOptions>(Jobs.JobsOptions.SectionName);
        services.AddCheckedOptions<Jobs.DeliveryOptions>(Jobs.DeliveryOptions.SectionName);
        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Security.KeyStore>();
        services.AddSingleton<Security.ApiKeyValidator>();
        services.AddSingleton<Security.UserStore>();
        services.AddSingleton<Security.UserSessions>();
        services.AddCheckedOptions<Security.SessionSettings>(Security.SessionSettings.SectionName);
        services.AddSingleton<Importer>();
        services.AddSingleton<FileImports>();
        services.AddSingleton<LineageIngestor>();
        services.AddSingleton<LineageWriter>();
        services.AddSingleton<LineageIntake>();
        services.AddSingleton<Demo.DemoSeeder>();
        services.AddSingleton<Exposure.ExposureTable>();
        services.AddSingleton<Rules.Scanner>();
        services.AddSingleton<Reporting.ScanHistory>();
        services.AddSingleton<Records.FindingStatusService>();
        services.AddSingleton<Records.FindingExplainer>();
        services.AddSingleton<Records.ScanRetention>();
        services.AddSingleton<Reporting.MonthlyReportBuilder>();
        services.AddSingleton<Reporting.BoardSummaryBuilder>();
        services.AddSingleton<Reporting.LineageExportBuilder>();
        services.AddSingleton<Reporting.ReportService>();
        return services;
    }
}

/// <summary>Company-level settings bound from the "Audit" configuration section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public string CompanyName { get; set; } = "Demo Company";

    /// <summary>Worldwide annual turnover of the preceding year, for GDPR and AI Act caps.</summary>
    public decimal GlobalAnnualTurnover { get; set; } = 5_000_000_000m;

    public string TurnoverCurrency { get; set; } = "USD";

    /// <summary>SMEs get the lower of the two figures under the AI Act (Art. 99(6)).</summary>
    public bool IsSme { get; set; }

    /// <summary>Currency the reports are expressed in.</summary>
    public string ReportCurrency { get; set; } = "USD";

    /// <summary>US dollars per unit of each currency; any two currencies convert through these.</summary>
    public Dictionary<string, decimal> CurrencyRates { get; set; } = new(StringComparer.Ordinal) { ["USD"] = 1m, ["EUR"] = 1.08m, ["GBP"] = 1.27m };

    /// <summary>Days between a worker's last contributing capture and a reduction in force that count as "train then trim".</summary>
    public int ReductionInForceWindowDays { get; set; } = 180;

    /// <summary>Replacement value of an hour of captured work (contract annotator rate).</summary>
    public decimal BenchmarkHourlyRate { get; set; } = 40m;

    /// <summary>High case multiple of the benchmark rate, for expert work.</summary>
    public decimal BenchmarkHighMultiple { get; set; } = 3m;

    public JurisdictionOptions Jurisdictions { get; set; } = new();

    /// <summary>Which scans keep their per-worker rows ("Audit:Retention"); see <see cref="Records.RetentionOptions"/>.</summary>
    public Records.RetentionOptions Retention { get; set; } = new();

    /// <summary>Folder with editable wording and the exposure table.</summary>
    public string TemplatesPath { get; set; } = "templates";

    /// <summary>Where reports and exports are written.</summary>
    public string OutputPath { get; set; } = "out";
}
