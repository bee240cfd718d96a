using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Rules;
using Audit.Service.Scanning;
using Audit.Service.Ingest;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Tests.Rules;

/// <summary>
/// A small organisation built row by row for one rule test: it writes each entity as a CSV file, imports the
/// files through the real importer in dependency order into a temp-file SQLite database, and runs the real scanner.
/// Defaults are chosen so a row only needs what the test is about: workers are hired in 2020 and located from
/// hire, datasets and edges exist from 2025-01-01 and still run at the end of 2026.
/// </summary>
public sealed class ScanWorld : IDisposable
{
    public const string Ns = "s3://test";

    private readonly string _folder;
    private readonly Dictionary<ImportSpec, List<List<(string Column, string? Value)>>> _pending = [];
    private readonly Dictionary<string, (DateOnly From, string Country, string? Subdivision)> _currentLocation = new(StringComparer.Ordinal);
    private int _files;
    private int _batches;

    public ScanWorld()
    {
        _folder = Path.Combine(Path.GetTempPath(), "audit-ruletests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        // No pooling: the temp folder can be deleted as soon as the test is done.
        Database = new Database(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "audit.db")};Pooling=False" });
        new Migrator(Database).Migrate();
        Importer = new Importer(Database, new AuditLog(Database));
    }

    public Database Database { get; }

    public Importer Importer { get; }

    public string Folder => _folder;

    public static string TemplatesPath => Path.Combine(AppContext.BaseDirectory, "templates");

    public ScanWorld Worker(string id, string country = "US", string? subdivision = null, string hired = "2020-01-01", string? terminated = null, string? reason = null)
    {
        Row(ImportSpecs.Workers, ("worker_id", id), ("employment_type", "employee"), ("hire_date", hired), ("termination_date", terminated), ("termination_reason", reason));
        _currentLocation[id] = (D(hired), country, subdivision);
        return this;
    }

    /// <summary>The worker is based elsewhere from <paramref name="on"/>; the previous location ends the day before.</summary>
    public ScanWorld Move(string worker, string on, string country, string? subdivision = null)
    {
        var (from, oldCountry, oldSubdivision) = _currentLocation[worker];
        LocationRow(worker, from, D(on).AddDays(-1), oldCountry, oldSubdivision);
        _currentLocation[worker] = (D(on), country, subdivision);
        return this;
    }

    public ScanWorld Program(string id, bool euExempt = false, string? rationale = null, string optOut = "self_service", string purpose = "ai_training")
    {
        Row(ImportSpecs.Programs, ("program_id", id), ("name", id), ("purpose", purpose), ("eu_exempt", euExempt ? "true" : "false"),
            ("eu_exemption_rationale", rationale), ("opt_out", optOut));
        return this;
    }

    public ScanWorld Tool(string id)
    {
        Row(ImportSpecs.CaptureTools, ("tool_id", id), ("name", id));
        return this;
    }

    public ScanWorld Config(string tool, string version, string purposes, string caps = "keystrokes", int? interval = null, string? program = null,
        string from = "2025-01-01", string? to = null, string? excluded = null)
    {
        if (interval is null && caps.Contains("screenshots", StringComparison.Ordinal))
        {
            interval = 60;
        }

        Row(ImportSpecs.CaptureConfigs, ("tool_id", tool), ("version", version), ("program_id", program), ("effective_from", from), ("effective_to", to),
            ("capabilities", caps), ("screenshot_interval_seconds", interval?.ToString(CultureInfo.InvariantCulture)), ("purposes", purposes),
            ("countries_included", null), ("countries_excluded", excluded));
        return this;
    }

    public ScanWorld Notice(string id, string purposes, string published = "2025-01-01", string? tool = null, string? program = null, string? caps = null,
        bool optOut = false, string version = "1")
    {
        Row(ImportSpecs.Notices, ("notice_id", id), ("tool_id", tool), ("program_id", program), ("version", version), ("published_on", published),
            ("purposes", purposes), ("capabilities", caps), ("offers_opt_out", optOut ? "true" : "false"));
        return this;
    }

    public ScanWorld Ack(string worker, string notice, string at, string? consent = null)
    {
        Row(ImportSpecs.Acknowledgements, ("worker_id", worker), ("notice_id", notice), ("acknowledged_at", at), ("consent_purposes", consent));
        return this;
    }

    public ScanWorld OptOut(string worker, string program, string at, string scope = "future_only")
    {
        Row(ImportSpecs.OptOuts, ("worker_id", worker), ("program_id", program), ("opted_out_at", at), ("scope", scope));
        return this;
    }

    /// <summary>kind: raw_capture, security_pipeline, analytics, training_dataset, model.</summary>
    public ScanWorld Dataset(string name, string kind, bool commercial = false, string? firstSeen = "2025-01-01")
    {
        // first_seen is given: the importer would default it to today, which hides the dataset from scans of the past.
        Row(ImportSpecs.Datasets, ("namespace", Ns), ("name", name), ("kind", kind), ("commercial", commercial ? "true" : "false"), ("first_seen", firstSeen));
        return this;
    }

    public ScanWorld Edge(string source, string target, string transform = "copy", string firstSeen = "2025-01-01", string lastSeen = "2026-12-31", string? job = null)
    {
        Row(ImportSpecs.LineageEdges, ("source_namespace", Ns), ("source_name", source), ("target_namespace", Ns), ("target_name", target),
            ("job_namespace", "jobs"), ("job_name", job ?? $"{source}-to-{target}"), ("transform", transform), ("first_seen", firstSeen), ("last_seen", lastSeen));
        return this;
    }

    /// <summary>A day of capture from <paramref name="from"/> (or up to <paramref name="to"/>), <paramref name="minutes"/> of them active.</summary>
    public ScanWorld Batch(string worker, string tool, string version, string dataset, string from, string? to = null, int minutes = 60)
    {
        var start = T(from);
        var end = to is null ? start.AddDays(1) : T(to);
        Row(ImportSpecs.CaptureBatches, ("batch_id", $"B{++_batches:D4}"), ("worker_id", worker), ("tool_id", tool), ("config_version", version),
            ("dataset_namespace", Ns), ("dataset_name", dataset), ("captured_from", Stamp(start)), ("captured_to", Stamp(end)),
            ("active_minutes", minutes.ToString(CultureInfo.InvariantCulture)), ("event_count", "100"));
        return this;
    }

    /// <summary>The dataset's (or model's) contents were deleted on <paramref name="on"/>.</summary>
    public ScanWorld Purge(string dataset, string on, string reference = "TICKET-1")
    {
        Row(ImportSpecs.DatasetPurges, ("dataset_namespace", Ns), ("dataset_name", dataset), ("purged_on", on), ("reference", reference), ("note", null));
        return this;
    }

    public ScanWorld Agreement(string id, string worker, string program, string from, string? to, string kind = "stipend", decimal amount = 1000m)
    {
        Row(ImportSpecs.CompensationAgreements, ("agreement_id", id), ("worker_id", worker), ("program_id", program), ("kind", kind),
            ("amount", amount.ToString(CultureInfo.InvariantCulture)), ("currency", "USD"), ("period_from", from), ("period_to", to));
        return this;
    }

    /// <summary>kind: reduction_in_force or ai_investment_announcement.</summary>
    public ScanWorld Event(string id, string kind, string announced, string? effective = null)
    {
        Row(ImportSpecs.WorkforceEvents, ("event_id", id), ("kind", kind), ("announced_on", announced), ("effective_on", effective), ("description", id));
        return this;
    }

    /// <summary>A row of the exposure table. Import it after the first scan: the scan seeds the template only into an empty table.</summary>
    public ScanWorld Theory(string id, string jurisdiction, string rules, string unit, decimal low, decimal high, string currency,
        string effectiveFrom = "2000-01-01", string? capGroup = null, decimal? shareHigh = null, string? series = null,
        (decimal First, decimal Second, decimal Later)? tiers = null, string? appliesWhen = null)
    {
        static string? Text(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);
        Row(ImportSpecs.ExposureTheories, ("theory_id", id), ("regime", id), ("jurisdiction", jurisdiction), ("triggering_rules", rules), ("unit", unit),
            ("low_amount", Text(low)), ("high_amount", Text(high)),
            ("turnover_share_low", null), ("turnover_share_high", Text(shareHigh)), ("currency", currency),
            ("cap_group", capGroup), ("effective_from", effectiveFrom), ("confidence", "C"), ("citation", $"test citation for {id}"),
            ("series", series), ("first_offense_amount", Text(tiers?.First)), ("second_offense_amount", Text(tiers?.Second)),
            ("later_offense_amount", Text(tiers?.Later)), ("applies_when", appliesWhen),
            ("primary_source", $"test statute for {id}"), ("pinpoint", "§ 1"), ("verified_on", "2026-01-02"), ("verified_by", "test counsel"));
        return this;
    }

    /// <summary>Writes and imports everything added since the last import, in dependency order.</summary>
    public async Task ImportAsync()
    {
        foreach (var (worker, (from, country, subdivision)) in _currentLocation)
        {
            LocationRow(worker, from, null, country, subdivision);
        }

        _currentLocation.Clear();
        foreach (var spec in ImportSpecs.All)
        {
            if (!_pending.Remove(spec, out var rows) || rows.Count == 0)
            {
                continue;
            }

            var path = Path.Combine(_folder, $"{++_files:D2}-{spec.Kind}.csv");
            await File.WriteAllTextAsync(path, Csv(rows));
            await Importer.ImportAsync(spec, path);
        }
    }

    /// <summary>What the first `audit migrate` does: an empty exposure table gets the template's rows.</summary>
    public Task SeedExposureTableAsync(AuditOptions? options = null) =>
        new ExposureTable(Database, Importer, Options.Create(options ?? new AuditOptions { TemplatesPath = TemplatesPath })).EnsureLoadedAsync();

    /// <summary>Row counts and a hash of every row of every table (AuditLog and the migration journal left out).</summary>
    public Task<DatabaseFingerprint> FingerprintAsync() => TestDatabase.OfAsync(Database);

    public Scanner Scanner(Action<AuditOptions>? configure = null)
    {
        var options = new AuditOptions { TemplatesPath = TemplatesPath };
        configure?.Invoke(options);
        return Scanner(options);
    }

    /// <summary>A scanner with options as the application bound them (see the configuration tests).</summary>
    public Scanner Scanner(AuditOptions options, TimeProvider? time = null)
    {
        var wrapped = Options.Create(options);
        return new Scanner(Database, wrapped, new ExposureTable(Database, Importer, wrapped), time);
    }

    /// <summary>Imports what is pending, then scans as of <paramref name="asOf"/>.</summary>
    public async Task<ScanResult> ScanAsync(string asOf = "2026-10-31", Action<AuditOptions>? configure = null)
    {
        var options = new AuditOptions { TemplatesPath = TemplatesPath };
        configure?.Invoke(options);
        return await ScanAsync(asOf, options);
    }

    /// <summary>Imports what is pending, then scans with options bound by the application.</summary>
    public async Task<ScanResult> ScanAsync(string asOf, AuditOptions options, TimeProvider? time = null)
    {
        await ImportAsync();

        // What the first migration of a new database does, with the settings the seeding reads (the R7 multiple).
        await SeedExposureTableAsync(options);
        return await Scanner(options, time).ScanAsync(D(asOf));
    }

    /// <summary>The ids of a finding's affected workers, sorted. Findings know workers by their index in the scan's read order.</summary>
    public async Task<List<string>> WorkerIdsAsync(ScannedFinding finding)
    {
        var ids = await QueryAsync<string>("SELECT WorkerId FROM (" + Database.Sql["Worker_ReadForScan"].TrimEnd().TrimEnd(';') + ")", new { AsOf = D("2026-12-31") });
        return finding.Finding.Workers.Keys.Select(i => ids[i]).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }

    public static DateOnly D(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime T(string at) => at.Length == 10
        ? D(at).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
        : DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void LocationRow(string worker, DateOnly from, DateOnly? to, string country, string? subdivision) =>
        Row(ImportSpecs.WorkerLocations, ("worker_id", worker), ("country", country), ("subdivision", subdivision),
            ("valid_from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("valid_to", to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private void Row(ImportSpec spec, params (string Column, string? Value)[] values)
    {
        if (!_pending.TryGetValue(spec, out var rows))
        {
            _pending[spec] = rows = [];
        }

        rows.Add([.. values]);
    }

    private static string Csv(List<List<(string Column, string? Value)>> rows)
    {
        var columns = rows[0].Select(v => v.Column).ToList();
        var text = new StringBuilder();
        text.Append(string.Join(',', columns)).Append('\n');
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row.Select(v => Quote(v.Value)))).Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string? value) =>
        value is null ? string.Empty
        : value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}

/// <summary>Reading a scan result the way the rule tests ask about it.</summary>
public static class ScanResultExtensions
{
    public static List<ScannedFinding> Of(this ScanResult result, RuleCode rule) => result.Findings.Where(f => f.Finding.Rule == rule).ToList();

    public static List<ScannedFinding> Of(this ScanResult result, RuleCode rule, string subjectKind) =>
        result.Findings.Where(f => f.Finding.Rule == rule && f.Finding.SubjectKind == subjectKind).ToList();

    public static JsonNode Evidence(this ScannedFinding finding) => JsonNode.Parse(finding.Finding.EvidenceJson())!;

    /// <summary>The evidence counters' labels, one per line (the labels carry the reasons).</summary>
    public static string Counts(this ScannedFinding finding) =>
        finding.Evidence()["counts"] is JsonObject counts ? string.Join('\n', counts.Select(c => $"{c.Key}: {c.Value}")) : string.Empty;

    /// <summary>R5's reasons why an opt-out is not real, one per config version, one per line.</summary>
    public static string Reasons(this ScannedFinding finding) =>
        finding.Evidence()["noRealOptOut"] is JsonArray reasons ? string.Join('\n', reasons.Select(r => r!.GetValue<string>())) : string.Empty;

    public static HashSet<string> Keys(this ScanResult result) => result.Findings.Select(f => f.Finding.Key).ToHashSet(StringComparer.Ordinal);
}
