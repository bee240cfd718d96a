using System.Data.Common;
using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Ingest;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Scanning;

/// <summary>
/// The exposure table lives in the database so counsel can change it without a code change
/// (<c>audit import exposure-theories file.csv</c>). An empty table is seeded once from
/// <c>templates/exposure-theories.csv</c>.
/// </summary>
public sealed class ExposureTable(Database database, Importer importer, IOptions<AuditOptions> options) : IDatabaseSeed
{
    public const string TemplateFile = "exposure-theories.csv";

    public async Task EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ExposureTheory") > 0)
        {
            return;
        }

        await importer.ImportAsync(ImportSpecs.ExposureTheories, Templates.Resolve(options.Value.TemplatesPath, TemplateFile), null, cancellationToken: cancellationToken);

        // The setting seeds the replacement-value row's high multiple; from then on that row is its one source.
        await connection.ExecuteAsync("UPDATE ExposureTheory SET HighAmount = @Multiple WHERE Unit = @Unit",
            new { Multiple = options.Value.BenchmarkHighMultiple, Unit = ExposureUnits.ReplacementValue });
    }

    /// <summary>The rows in force by a date (each governs conduct from its effective date until a later row of its series).</summary>
    public async Task<IReadOnlyList<ExposureTheory>> ReadAsync(DbConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(database.Sql["ExposureTheory_ReadForScan"], new { AsOf = asOf });
        cancellationToken.ThrowIfCancellationRequested();
        return rows.Select(r => new ExposureTheory(
                r.TheoryId, r.Regime, r.Jurisdiction, Codes.Split(r.TriggeringRules).Select(Enum.Parse<RuleCode>).ToList(), r.Unit, r.LowAmount, r.HighAmount,
                r.TurnoverShareLow, r.TurnoverShareHigh, r.Currency, r.CapGroup, r.EffectiveFrom, Enum.Parse<Confidence>(r.Confidence), r.Citation, r.Note,
                r.Series, r.FirstOffenseAmount, r.SecondOffenseAmount, r.LaterOffenseAmount, r.AppliesWhen,
                r is { PrimarySource: { } source, Pinpoint: { } pinpoint, VerifiedOn: { } verifiedOn, VerifiedBy: { } verifiedBy }
                    ? new Audit.Domain.LegalSource(source, pinpoint, verifiedOn, verifiedBy)
                    : null))
            .OrderBy(t => t.TheoryId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A class with setters: SQLite hands money back as TEXT, SQL Server as DECIMAL, and Dapper converts either into decimal.</summary>
    private sealed class Row
    {
        public string TheoryId { get; set; } = string.Empty;

        public string Regime { get; set; } = string.Empty;

        public string Jurisdiction { get; set; } = string.Empty;

        public string TriggeringRules { get; set; } = string.Empty;

        public string Unit { get; set; } = string.Empty;

        public decimal LowAmount { get; set; }

        public decimal HighAmount { get; set; }

        public decimal? TurnoverShareLow { get; set; }

        public decimal? TurnoverShareHigh { get; set; }

        public string Currency { get; set; } = string.Empty;

        public string? CapGroup { get; set; }

        public DateOnly EffectiveFrom { get; set; }

        public string Confidence { get; set; } = string.Empty;

        public string Citation { get; set; } = string.Empty;

        public string? Note { get; set; }

        public string Series { get; set; } = string.Empty;

        public decimal? FirstOffenseAmount { get; set; }

        public decimal? SecondOffenseAmount { get; set; }

        public decimal? LaterOffenseAmount { get; set; }

        public string AppliesWhen { get; set; } = ExposureConditions.Always;

        public string? PrimarySource { get; set; }

        public string? Pinpoint { get; set; }

        public DateOnly? VerifiedOn { get; set; }

        public string? VerifiedBy { get; set; }
    }
}
