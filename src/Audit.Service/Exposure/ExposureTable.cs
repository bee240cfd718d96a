using System.Data.Common;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Domain;
using Audit.Service.Ingest;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Exposure;

/// <summary>
/// The exposure table lives in the database so counsel can change it without a code change
/// (<c>audit import exposure-theories file.csv</c>). An empty table is seeded once from
/// <c>templates/exposure-theories.csv</c>.
/// </summary>
public sealed class ExposureTable(Database database, Importer importer, IOptions<AuditOptions> options)
{
    public const string TemplateFile = "exposure-theories.csv";

    public async Task EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ExposureTheory") > 0)
        {
            return;
        }

        await importer.ImportAsync(ImportSpecs.ExposureTheories, Templates.Resolve(options.Value.TemplatesPath, TemplateFile), null, cancellationToken);
    }

    /// <summary>The rows in force on a date.</summary>
    public async Task<IReadOnlyList<ExposureTheory>> ReadAsync(DbConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Id, string Regime, string Jurisdiction, string Rules, string Unit, decimal Low, decimal High, decimal? ShareLow, decimal? ShareHigh, string Currency, string? CapGroup, DateOnly From, string Confidence, string Citation, string? Note)>(
            database.Sql["ExposureTheory_ReadForScan"], new { AsOf = asOf });
        cancellationToken.ThrowIfCancellationRequested();
        return rows.Select(r => new ExposureTheory(
                r.Id, r.Regime, r.Jurisdiction, Codes.Split(r.Rules).Select(Enum.Parse<RuleCode>).ToList(), r.Unit, r.Low, r.High, r.ShareLow, r.ShareHigh,
                r.Currency, r.CapGroup, r.From, Enum.Parse<Confidence>(r.Confidence), r.Citation, r.Note))
            .OrderBy(t => t.TheoryId, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>Finds a template file: the configured folder (relative to the working directory), else the copy beside the program.</summary>
public static class Templates
{
    public static string Resolve(string folder, string file)
    {
        var direct = Path.Combine(folder, file);
        if (File.Exists(direct))
        {
            return direct;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "templates", file);
        return File.Exists(beside) ? beside : throw new FileNotFoundException($"Template '{file}' not found in '{Path.GetFullPath(folder)}' or beside the program.", direct);
    }
}
