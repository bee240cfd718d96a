using System.Globalization;
using System.Text;

namespace Audit.Service.Tests.Reference;

// A generated organisation as plain rows, one record per import row. Sets (capabilities, purposes) are code sets
// in the import format's words, so the reference evaluator reads the same vocabulary a person reads in the files.

public sealed record OWorker(string Id, DateOnly Hired, DateOnly? Terminated, string? Reason);

public sealed record OLocation(string Worker, string Country, string? Subdivision, DateOnly From, DateOnly? To);

public sealed record OProgram(string Id, bool EuExempt, string? Rationale, string OptOut);

public sealed record OTool(string Id);

public sealed record OConfig(string Tool, string Version, string? Program, DateOnly From, DateOnly? To, IReadOnlyList<string> Caps, IReadOnlyList<string> Purposes);

public sealed record ONotice(string Id, string? Tool, string? Program, string Version, DateOnly Published, IReadOnlyList<string> Purposes, IReadOnlyList<string> Caps, bool OffersOptOut,
    ONoticeText? Text = null);

/// <summary>
/// A notice's text as the generator wrote it, with what it says by construction: whether a sentence plainly says
/// recordings train AI, and which capabilities a sentence names. The reference judges R10 by these labels; the scan
/// reads <see cref="Body"/> with the disclosure reader, so the two agree only if the reader reads it as written.
/// </summary>
public sealed record ONoticeText(bool SaysTraining, IReadOnlyList<string> NamedCaps, string Body);

public sealed record OAck(string Worker, string Notice, DateTime At, IReadOnlyList<string>? Consent);

public sealed record OOptOut(string Worker, string Program, DateTime At, string Scope);

public sealed record ODataset(string Name, string Kind, bool Commercial);

public sealed record OEdge(string Source, string Target, string Job, string Transform, DateTime FirstSeen, DateTime LastSeen);

public sealed record OBatch(string Id, string Worker, string Tool, string Version, string Dataset, DateTime From, DateTime To, int ActiveMinutes);

public sealed record OAgreement(string Id, string Worker, string Program, DateOnly From, DateOnly? To);

public sealed record OEvent(string Id, string Kind, DateOnly Announced, DateOnly? Effective);

/// <summary>
/// An organisation the differential and property tests generate. <see cref="ToString"/> prints it as the import
/// files it becomes, so a failing case can be read and replayed with <c>import</c>.
/// </summary>
public sealed record Org(
    IReadOnlyList<OWorker> Workers,
    IReadOnlyList<OLocation> Locations,
    IReadOnlyList<OProgram> Programs,
    IReadOnlyList<OTool> Tools,
    IReadOnlyList<OConfig> Configs,
    IReadOnlyList<ONotice> Notices,
    IReadOnlyList<OAck> Acks,
    IReadOnlyList<OOptOut> OptOuts,
    IReadOnlyList<ODataset> Datasets,
    IReadOnlyList<OEdge> Edges,
    IReadOnlyList<OBatch> Batches,
    IReadOnlyList<OAgreement> Agreements,
    IReadOnlyList<OEvent> Events)
{
    public const string Ns = "s3://org";

    /// <summary>The train-then-trim window (Audit:ReductionInForceWindowDays).</summary>
    public int WindowDays { get; init; } = 180;

    /// <summary>Whether the exemption sets are the default EU/EEA, UK and CH, or narrowed to EU/EEA alone.</summary>
    public bool ExemptUkAndSwitzerland { get; init; } = true;

    /// <summary>The settings as a user sets them: environment variables (AUDIT_ prefix) over the shipped appsettings.json.</summary>
    public IReadOnlyList<(string Name, string Value)> Environment()
    {
        var settings = new List<(string, string)> { ("Audit__ReductionInForceWindowDays", WindowDays.ToString(CultureInfo.InvariantCulture)) };
        if (!ExemptUkAndSwitzerland)
        {
            settings.Add(("Audit__Jurisdictions__ExemptionSets__0", "EU/EEA"));
        }

        return settings;
    }

    /// <summary>The import files in dependency order: (kind, file text). Kinds with no rows are left out.</summary>
    public IReadOnlyList<(string Kind, string Csv)> Files()
    {
        var files = new List<(string, string)>();
        void Add(string kind, string header, IEnumerable<string> rows)
        {
            var lines = rows.ToList();
            if (lines.Count > 0)
            {
                files.Add((kind, header + "\n" + string.Concat(lines.Select(l => l + "\n"))));
            }
        }

        Add("workers", "worker_id,employment_type,hire_date,termination_date,termination_reason",
            Workers.Select(w => Row(w.Id, "employee", Day(w.Hired), Day(w.Terminated), w.Reason)));
        Add("worker-locations", "worker_id,country,subdivision,valid_from,valid_to",
            Locations.Select(l => Row(l.Worker, l.Country, l.Subdivision, Day(l.From), Day(l.To))));
        Add("programs", "program_id,name,purpose,eu_exempt,eu_exemption_rationale,opt_out",
            Programs.Select(p => Row(p.Id, p.Id, "Train agents", p.EuExempt ? "true" : "false", p.Rationale, p.OptOut)));
        Add("capture-tools", "tool_id,name", Tools.Select(t => Row(t.Id, t.Id)));
        Add("capture-configs", "tool_id,version,program_id,effective_from,effective_to,capabilities,screenshot_interval_seconds,purposes",
            Configs.Select(c => Row(c.Tool, c.Version, c.Program, Day(c.From), Day(c.To), Set(c.Caps), c.Caps.Contains("screenshots") ? "60" : null, Set(c.Purposes))));
        Add("notices", "notice_id,tool_id,program_id,version,published_on,purposes,capabilities,offers_opt_out",
            Notices.Select(n => Row(n.Id, n.Tool, n.Program, n.Version, Day(n.Published), Set(n.Purposes), Set(n.Caps), n.OffersOptOut ? "true" : "false")));
        Add("acknowledgements", "worker_id,notice_id,acknowledged_at,consent_purposes",
            Acks.Select(a => Row(a.Worker, a.Notice, Stamp(a.At), a.Consent is null ? null : Set(a.Consent))));
        Add("opt-outs", "worker_id,program_id,opted_out_at,scope", OptOuts.Select(o => Row(o.Worker, o.Program, Stamp(o.At), o.Scope)));
        Add("datasets", "namespace,name,kind,commercial,first_seen",
            Datasets.Select(d => Row(Ns, d.Name, d.Kind, d.Commercial ? "true" : "false", "2024-01-01")));
        Add("lineage-edges", "source_namespace,source_name,target_namespace,target_name,job_namespace,job_name,transform,first_seen,last_seen",
            Edges.Select(e => Row(Ns, e.Source, Ns, e.Target, "jobs", e.Job, e.Transform, Stamp(e.FirstSeen), Stamp(e.LastSeen))));
        Add("capture-batches", "batch_id,worker_id,tool_id,config_version,dataset_namespace,dataset_name,captured_from,captured_to,active_minutes,event_count",
            Batches.Select(b => Row(b.Id, b.Worker, b.Tool, b.Version, Ns, b.Dataset, Stamp(b.From), Stamp(b.To), b.ActiveMinutes.ToString(CultureInfo.InvariantCulture), "100")));
        Add("compensation-agreements", "agreement_id,worker_id,program_id,kind,amount,currency,period_from,period_to",
            Agreements.Select(a => Row(a.Id, a.Worker, a.Program, "stipend", "1000", "USD", Day(a.From), Day(a.To))));
        Add("workforce-events", "event_id,kind,announced_on,effective_on", Events.Select(e => Row(e.Id, e.Kind, Day(e.Announced), Day(e.Effective))));
        return files;
    }

    /// <summary>Writes the import files into <paramref name="folder"/> as NN-kind.csv and returns their paths in import order.</summary>
    public IReadOnlyList<(string Kind, string Path)> WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<(string, string)>();
        var n = 0;
        foreach (var (kind, csv) in Files())
        {
            var path = System.IO.Path.Combine(folder, $"{++n:D2}-{kind}.csv");
            File.WriteAllText(path, csv, new UTF8Encoding(false));
            paths.Add((kind, path));
        }

        File.WriteAllText(System.IO.Path.Combine(folder, "settings.env"), string.Concat(Environment().Select(e => $"AUDIT_{e.Name}={e.Value}\n")), new UTF8Encoding(false));
        return paths;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"organisation: {Workers.Count} workers, {Configs.Count} configs, {Notices.Count} notices, {Edges.Count} edges, {Batches.Count} batches\n");
        text.Append("settings: ").Append(string.Join(' ', Environment().Select(e => $"AUDIT_{e.Name}={e.Value}"))).Append('\n');
        foreach (var (kind, csv) in Files())
        {
            text.Append("--- ").Append(kind).Append(".csv\n").Append(csv);
        }

        return text.ToString();
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Day(DateOnly? d) => d is { } v ? Day(v) : null;

    public static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Set(IReadOnlyList<string> codes) => string.Join(';', codes);

    private static string Row(params string?[] values) => string.Join(',', values.Select(v => v ?? string.Empty));
}
