using Audit.Rules;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Security;
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
        services.AddCheckedOptions<DeliveryOptions>(DeliveryOptions.SectionName);
        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Security.KeyStore>();
        services.AddSingleton<Security.ApiKeyValidator>();
        services.AddSingleton<Security.UserStore>();
        services.AddSingleton<Security.UserSessions>();
        services.AddCheckedOptions<Security.PasswordSettings>(Security.PasswordSettings.SectionName);
        services.AddSingleton<Security.PasswordPolicy>();
        services.AddSingleton<Security.AccountActivity>();
        services.AddCheckedOptions<Security.SessionSettings>(Security.SessionSettings.SectionName);
        services.AddSingleton<Importer>();
        services.AddSingleton<Ingest.NoticeTexts.NoticeTextImporter>();
        services.AddSingleton<FileImports>();
        services.AddSingleton<LineageIngestor>();
        services.AddSingleton<LineageWriter>();
        services.AddSingleton<LineageIntake>();
        services.AddSingleton<Demo.DemoSeeder>();
        services.AddSingleton<Scanning.ExposureTable>();
        services.AddSingleton<IDatabaseSeed>(provider => provider.GetRequiredService<Scanning.ExposureTable>());
        services.AddSingleton<Scanning.Scanner>();
        services.AddSingleton<Records.ScanHistory>();
        services.AddSingleton(provider => new Records.FindingStatusService(
            provider.GetRequiredService<Database>(), provider.GetService<TimeProvider>(), provider.GetRequiredService<IOptions<AuditOptions>>().Value.Sla));
        services.AddSingleton<Records.FindingExplainer>();
        services.AddSingleton<Records.ScanRetention>();
        services.AddCheckedOptions<GuardOptions>(GuardOptions.SectionName);
        services.AddSingleton<Guard.GuardService>();
        services.AddSingleton<Guard.GuardAlerts>();
        services.AddSingleton<Guard.GuardDeliveries>();
        services.AddSingleton<LineageSignal>();
        services.AddSingleton<Planning.RemedyTable>();
        services.AddSingleton<Planning.PlanService>();
        services.AddSingleton<Disclosures.DisclosureService>();
        services.AddSingleton<Reporting.MonthlyReportBuilder>();
        services.AddSingleton<Reporting.BoardSummaryBuilder>();
        services.AddSingleton<Reporting.LineageExportBuilder>();
        services.AddSingleton<Reporting.HeldBatches>();
        services.AddSingleton<Reporting.PurgeScopeBuilder>();
        services.AddSingleton<Reporting.ReportService>();
        services.AddSingleton<Reporting.ReportRuns>();
        return services;
    }
}
