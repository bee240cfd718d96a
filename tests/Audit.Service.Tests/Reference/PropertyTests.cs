using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Audit.Service.Tests.Reference;

/// <summary>
/// Properties of the scan that hold whatever the rules' details, each checked on generated organisations imported
/// through the real CSV importer: one change to the data, two scans, and what may not move.
/// </summary>
public sealed class PropertyTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 15);

    [Fact]
    public void Scan_AiTrainingAcknowledgementOfToolSeriesInForce_NeverAddsConsentFinding() => Check(12, (org, r) =>
    {
        // The tool's series in force on the day of the acknowledgement names ai_training: use it, or publish a version that does.
        var tool = org.Tools[r.Next(org.Tools.Count)].Id;
        var at = new DateTime(2026, 1 + r.Next(6), 1 + r.Next(28), r.Next(24), 0, 0, DateTimeKind.Utc);
        var inForce = org.Notices.Where(n => n.Tool == tool && n.Published <= DateOnly.FromDateTime(at)).MaxBy(n => n.Published);
        var changed = org;
        if (inForce is null || !inForce.Purposes.Contains("ai_training") || org.Notices.Any(n => n.Tool == tool && n.Published == inForce.Published && n != inForce))
        {
            inForce = new ONotice("N-ack", tool, null, "99", DateOnly.FromDateTime(at), ["security", "ai_training"], [], true);
            if (org.Notices.Any(n => n.Tool == tool && n.Published >= inForce.Published))
            {
                return null;
            }

            changed = changed with { Notices = [.. org.Notices, inForce] };
        }

        var worker = org.Workers[r.Next(org.Workers.Count)].Id;
        if (org.Acks.Any(a => a.Worker == worker && a.Notice == inForce.Id))
        {
            return null;
        }

        changed = changed with { Acks = [.. changed.Acks, new OAck(worker, inForce.Id, at, r.Next(2) == 0 ? null : ["security", "ai_training"])] };
        return new Change(changed, (before, after) => NoneAdded(before, after, "R2"));
    });

    [Fact]
    public void Scan_LineageEdgeRemoved_NeverAddsLeakFinding() => Check(12, (org, r) =>
    {
        if (org.Edges.Count == 0)
        {
            return null;
        }

        var gone = org.Edges[r.Next(org.Edges.Count)];
        return new Change(org with { Edges = org.Edges.Where(e => e != gone).ToList() }, (before, after) => NoneAdded(before, after, "R1"));
    });

    [Fact]
    public void Scan_CoveringAgreementAdded_NeverAddsCompensationGap() => Check(12, (org, r) =>
    {
        var worker = org.Workers[r.Next(org.Workers.Count)].Id;
        var program = org.Programs[r.Next(org.Programs.Count)].Id;
        var agreement = new OAgreement("A-cover", worker, program, new DateOnly(2025, 1, 1), null);
        return new Change(org with { Agreements = [.. org.Agreements, agreement] }, (before, after) => NoneAdded(before, after, "R7"));
    });

    [Fact]
    public void Scan_IdsRenamedRowsReorderedImportSplit_ChangesNoFinding() => Check(10, (org, r) =>
    {
        // Renamed in reverse order, so the importer and the scan also see every list in a different order.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Rename(string id) => names.TryGetValue(id, out var n) ? n : names[id] = "x" + (char)('z' - (id[0] % 26)) + new string(id.Reverse().ToArray());
        var renamed = Shuffle(r, org with
        {
            Workers = org.Workers.Select(w => w with { Id = Rename(w.Id) }).ToList(),
            Locations = org.Locations.Select(l => l with { Worker = Rename(l.Worker) }).ToList(),
            Programs = org.Programs.Select(p => p with { Id = Rename(p.Id) }).ToList(),
            Tools = org.Tools.Select(t => t with { Id = Rename(t.Id) }).ToList(),
            Configs = org.Configs.Select(c => c with { Tool = Rename(c.Tool), Program = c.Program is null ? null : Rename(c.Program) }).ToList(),
            Notices = org.Notices.Select(n => n with { Id = Rename(n.Id), Tool = n.Tool is null ? null : Rename(n.Tool), Program = n.Program is null ? null : Rename(n.Program) }).ToList(),
            Acks = org.Acks.Select(a => a with { Worker = Rename(a.Worker), Notice = Rename(a.Notice) }).ToList(),
            OptOuts = org.OptOuts.Select(o => o with { Worker = Rename(o.Worker), Program = Rename(o.Program) }).ToList(),
            Datasets = org.Datasets.Select(d => d with { Name = Rename(d.Name) }).ToList(),
            Edges = org.Edges.Select(e => e with { Source = Rename(e.Source), Target = Rename(e.Target), Job = Rename(e.Job) }).ToList(),
            Batches = org.Batches.Select(b => b with { Id = Rename(b.Id), Worker = Rename(b.Worker), Tool = Rename(b.Tool), Dataset = Rename(b.Dataset) }).ToList(),
            Agreements = org.Agreements.Select(a => a with { Id = Rename(a.Id), Worker = Rename(a.Worker), Program = Rename(a.Program) }).ToList(),
            Events = org.Events.Select(e => e with { Id = Rename(e.Id) }).ToList(),
        });
        var back = names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);
        return new Change(renamed, (before, after) => Differential.Compare(after.Select(o => Unname(o, back)).ToList(), before), Split: 3);
    });

    [Fact]
    public void Scan_AsOfD_UnchangedByAnythingFirstSeenAfterD() => Check(12, (org, r) =>
    {
        var after = AsOf.AddDays(1 + r.Next(60));
        var at = after.ToDateTime(new TimeOnly(r.Next(24), 0), DateTimeKind.Utc);
        var worker = org.Workers[r.Next(org.Workers.Count)];
        var program = org.Programs[r.Next(org.Programs.Count)].Id;
        var tool = org.Tools[r.Next(org.Tools.Count)].Id;
        var config = org.Configs[r.Next(org.Configs.Count)];
        var later = org with
        {
            // Facts first seen after D: a capture, an edge, a notice and its acknowledgement, an opt-out, a config version,
            // an agreement, workforce events, a relocation and a termination; and edges that kept running.
            Batches = [.. org.Batches, new OBatch("B-late", worker.Id, config.Tool, config.Version, "raw-a", at, at.AddHours(5), 200)],
            Edges = [.. org.Edges.Select(e => e.LastSeen >= AsOf.AddDays(1).ToDateTime(TimeOnly.MinValue) ? e with { LastSeen = e.LastSeen.AddDays(90) } : e),
                new OEdge("raw-b", "train-a", "job-late", "copy", at, at.AddDays(30))],
            Notices = [.. org.Notices, new ONotice("N-late", tool, null, "99", after, ["security", "ai_training"], ["keystrokes", "screenshots"], true)],
            Acks = [.. org.Acks, new OAck(worker.Id, "N-late", at.AddHours(1), null)],
            OptOuts = [.. org.OptOuts, new OOptOut(worker.Id, program, at, r.Next(2) == 0 ? "future_only" : "including_past")],
            Configs = [.. org.Configs, new OConfig(tool, "9.0", program, after, null, ["keystrokes", "screenshots", "ui_hierarchy"], ["security"])],
            Agreements = [.. org.Agreements, new OAgreement("A-late", worker.Id, program, after, null)],
            Events = [.. org.Events, new OEvent("RIF-late", "reduction_in_force", after, after.AddDays(10)), new OEvent("AI-late", "ai_investment_announcement", after, null)],
            Workers = org.Workers.Select(w => w == worker && w.Terminated is null ? w with { Terminated = after, Reason = "reduction_in_force" } : w).ToList(),
            Locations = Relocated(org.Locations, worker.Id, after),
        };
        if (org.Configs.Any(c => c.Tool == tool && c.Version == "9.0") || worker.Terminated is { } t && t > AsOf)
        {
            return null;
        }

        return new Change(later, (before, changed) => Differential.Compare(changed, before));
    });

    /// <summary>The changed organisation, what must hold between the scans before and after, and into how many files each kind is split.</summary>
    private sealed record Change(Org Changed, Func<IReadOnlyList<Outcome>, IReadOnlyList<Outcome>, List<string>> Holds, int Split = 1);

    /// <summary>
    /// Runs a property over generated organisations with a fixed seed: builds the changed organisation (null: the case does
    /// not apply), scans both as of <see cref="AsOf"/>, and fails with the differences and both organisations' files.
    /// AUDIT_PROPERTY_CASES runs more organisations.
    /// </summary>
    private static void Check(int cases, Func<Org, Random, Change?> property)
    {
        var count = Environment.GetEnvironmentVariable("AUDIT_PROPERTY_CASES") is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : cases;
        var config = Config.QuickThrowOnFailure.WithMaxTest(count).WithEndSize(60).WithReplay(new Replay(new Rnd(20261128), null)).WithQuietOnSuccess(true);
        Prop.ForAll(OrgGenerator.Arbitrary(), org =>
        {
            var r = new Random(org.Batches.Count * 7919 + org.Workers.Count);
            if (property(org, r) is not { } c)
            {
                return;
            }

            using var first = ScannedOrg.ImportAsync(org).GetAwaiter().GetResult();
            using var second = ScannedOrg.ImportAsync(c.Changed, c.Split).GetAwaiter().GetResult();
            var before = first.ScanAsync(AsOf).GetAwaiter().GetResult();
            var after = second.ScanAsync(AsOf).GetAwaiter().GetResult();
            var broken = c.Holds(before, after);
            if (broken.Count > 0)
            {
                throw new InvalidOperationException(
                    $"As of {Org.Day(AsOf)}, before → after the change:\n{string.Join('\n', broken)}\n"
                    + $"Before: {Differential.SaveForReplay(org)}\nAfter: {Differential.SaveForReplay(c.Changed)}\n{c.Changed}");
            }
        }).Check(config);
    }

    /// <summary>The change may remove or shrink findings of the rule (null: of any rule), never add one, a worker, a batch or an hour.</summary>
    internal static List<string> NoneAdded(IReadOnlyList<Outcome> before, IReadOnlyList<Outcome> after, string? rule)
    {
        var was = before.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var now in after.Where(o => rule is null || o.Rule == rule))
        {
            if (!was.TryGetValue(now.Key, out var old)
                || !now.Workers.IsSubsetOf(old.Workers)
                || now.Batches > old.Batches
                || (now.Hours is not null && now.Hours.Any(h => h.Value > old.Hours!.GetValueOrDefault(h.Key) + 0.0001m)))
            {
                added.Add($"  before: {old?.ToString() ?? "(none)"}\n  after:  {now}");
            }
        }

        return added;
    }

    private static Org Shuffle(Random r, Org org) => org with
    {
        Workers = Shuffled(r, org.Workers),
        Locations = Shuffled(r, org.Locations),
        Programs = Shuffled(r, org.Programs),
        Tools = Shuffled(r, org.Tools),
        Configs = Shuffled(r, org.Configs),
        Notices = Shuffled(r, org.Notices),
        Acks = Shuffled(r, org.Acks),
        OptOuts = Shuffled(r, org.OptOuts),
        Datasets = Shuffled(r, org.Datasets),
        Edges = Shuffled(r, org.Edges),
        Batches = Shuffled(r, org.Batches),
        Agreements = Shuffled(r, org.Agreements),
        Events = Shuffled(r, org.Events),
    };

    private static List<T> Shuffled<T>(Random r, IReadOnlyList<T> rows) => rows.OrderBy(_ => r.Next()).ToList();

    /// <summary>An outcome of the renamed organisation in the original's names: its subject and its workers.</summary>
    private static Outcome Unname(Outcome outcome, Dictionary<string, string> back)
    {
        var parts = outcome.Key.Split(':', 3);
        var subject = parts[1] switch
        {
            "dataset" => Org.Ns + "/" + back[parts[2][(Org.Ns.Length + 1)..]],
            _ when parts[2].Contains(' ', StringComparison.Ordinal) => back[parts[2][..parts[2].IndexOf(' ', StringComparison.Ordinal)]] + parts[2][parts[2].IndexOf(' ', StringComparison.Ordinal)..],
            _ => back.GetValueOrDefault(parts[2], parts[2]),
        };
        return outcome with
        {
            Key = $"{parts[0]}:{parts[1]}:{subject}",
            Workers = outcome.Workers.Select(w => back[w]).ToHashSet(StringComparer.Ordinal),
            Hours = outcome.Hours?.ToDictionary(h => back[h.Key], h => h.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>The worker moves to Germany on <paramref name="on"/>: their open-ended location ends the day before.</summary>
    private static List<OLocation> Relocated(IReadOnlyList<OLocation> locations, string worker, DateOnly on)
    {
        var open = locations.LastOrDefault(l => l.Worker == worker && l.To is null);
        if (open is null || open.From >= on)
        {
            return [.. locations];
        }

        return [.. locations.Select(l => l == open ? l with { To = on.AddDays(-1) } : l), new OLocation(worker, "DE", null, on, null)];
    }
}
