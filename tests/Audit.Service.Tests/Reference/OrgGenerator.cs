using FsCheck;
using FsCheck.Fluent;

namespace Audit.Service.Tests.Reference;

/// <summary>
/// Small but adversarial organisations: notice series with several versions, configs that end and restart,
/// relocations across the EU border mid-month, opt-outs on the day of a capture, edges that start and stop, cycles,
/// batches straddling midnight and the as-of dates, agreements covering part of a period, layoffs before and after
/// announcements. FsCheck draws a seed and a size; the organisation is built from them, and shrinks by dropping rows
/// (and whatever refers to them) so a failure is reported on the smallest organisation that still fails.
/// </summary>
public static class OrgGenerator
{
    /// <summary>The as-of dates every organisation is scanned on; batches and events cluster around them.</summary>
    // Days that have come: a scan as of a day after today is refused (issue 7).
    public static readonly DateOnly[] AsOfDates = [new(2026, 3, 31), new(2026, 7, 15), new(2026, 10, 31)];

    private static readonly (string Country, string? Subdivision)[] Places =
        [("US", "US-NY"), ("US", "US-CA"), ("US", null), ("DE", null), ("FR", null), ("GB", null), ("CH", null), ("NO", null), ("IN", null), ("BR", null)];

    private static readonly string[] Capabilities = ["keystrokes", "mouse_movement", "click_coordinates", "scroll_velocity", "window_text", "ui_hierarchy", "screenshots", "audio", "webcam"];
    private static readonly string[] Purposes = ["security", "compliance", "productivity", "ai_training"];

    /// <summary>How a notice text names each capability (phrases of the shipped lexicon).</summary>
    private static readonly Dictionary<string, string> CapabilityWords = new(StringComparer.Ordinal)
    {
        ["keystrokes"] = "keystrokes", ["mouse_movement"] = "mouse movements", ["click_coordinates"] = "clicks", ["scroll_velocity"] = "scrolling",
        ["window_text"] = "window titles", ["ui_hierarchy"] = "the UI tree", ["screenshots"] = "screenshots", ["audio"] = "audio", ["webcam"] = "webcam images",
    };

    /// <summary>Sentences that say AI training plainly, and ones that do not (a catch-all, silence, a denial).</summary>
    private static readonly string[] SaysTraining = ["Recordings are used to train AI models.", "Your recorded sessions train our internal assistant."];

    private static readonly string[] DoesNotSay =
        ["Devices are monitored for security and compliance purposes.", "Records are kept for twelve months.", "Recordings are never used to train AI models.", "Data may be used to improve our services, such as training algorithms."];
    private static readonly string[] OptOutMechanisms = ["none", "self_service", "request", "relocation", "leave_job"];
    private static readonly string[] Transforms = ["copy", "anonymize", "aggregate", "filter", "transform"];

    public static Arbitrary<Org> Arbitrary() => Arb.From(Gen.Sized(size => Gen.Choose(0, int.MaxValue).Select(seed => Build(seed, size))), Shrink);

    /// <summary>Builds one organisation deterministically from a seed; <paramref name="size"/> (FsCheck's) scales the workforce from 5 to 40.</summary>
    public static Org Build(int seed, int size)
    {
        var r = new Random(seed);
        var start = new DateOnly(2025, 10, 1);
        DateOnly Day(DateOnly from, int maxDays) => from.AddDays(r.Next(maxDays + 1));
        DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(r.Next(24), r.Next(60)), DateTimeKind.Utc);
        List<string> Subset(string[] from, int min)
        {
            List<string> picked;
            do
            {
                picked = from.Where(_ => r.Next(3) == 0).ToList();
            }
            while (picked.Count < min);
            return picked;
        }

        // Programs and tools.
        var programs = Enumerable.Range(1, 1 + r.Next(3)).Select(i =>
        {
            var exempt = r.Next(2) == 0;
            return new OProgram($"P{i}", exempt, exempt && r.Next(2) == 0 ? "GDPR lawful basis not established" : null, OptOutMechanisms[r.Next(OptOutMechanisms.Length)]);
        }).ToList();
        var tools = Enumerable.Range(1, 1 + r.Next(3)).Select(i => new OTool($"T{i}")).ToList();

        // Config versions per tool: some end and a later one restarts after a gap; some overlap; purposes lean to security-only or AI training.
        var configs = new List<OConfig>();
        foreach (var tool in tools)
        {
            var from = Day(start, 60);
            var versions = 1 + r.Next(4);
            for (var v = 1; v <= versions; v++)
            {
                var nextFrom = from.AddDays(20 + r.Next(120));
                DateOnly? to = r.Next(4) switch
                {
                    0 => null,
                    1 => nextFrom.AddDays(-1),
                    2 => from.AddDays(10 + r.Next(60)),
                    _ => v == versions ? from.AddDays(r.Next(200)) : nextFrom.AddDays(-1),
                };
                var purposes = r.Next(5) switch
                {
                    0 or 1 => Subset(["security", "compliance"], 1),
                    2 or 3 => [.. Subset(["security", "productivity"], 0), "ai_training"],
                    _ => Subset(Purposes, 1),
                };
                var caps = r.Next(3) == 0 ? ["screenshots", "ui_hierarchy", "keystrokes", .. Subset(["window_text", "audio"], 0)] : Subset(Capabilities, 1);
                var program = r.Next(10) < 7 ? programs[r.Next(programs.Count)].Id : null;
                configs.Add(new OConfig(tool.Id, $"{v}.0", program, from, to, Ordered(caps, Capabilities), Ordered(purposes, Purposes)));
                from = nextFrom;
            }
        }

        // Notice series: a tool's or a program's, one to three versions each.
        var notices = new List<ONotice>();
        var series = tools.Select(t => (Tool: (string?)t.Id, Program: (string?)null)).Concat(programs.Select(p => (Tool: (string?)null, Program: (string?)p.Id))).ToList();
        foreach (var (tool, program) in series)
        {
            var published = new DateOnly(2025, 9, 1);
            var versions = r.Next(4);
            for (var v = 1; v <= versions; v++)
            {
                published = Day(published.AddDays(1), 150);
                if (tool is not null && r.Next(4) == 0 && configs.Where(c => c.Tool == tool && c.From > published.AddDays(-1)).MinBy(c => c.From) is { } starting)
                {
                    // Published the day a config version takes effect: the edge of "before it takes effect".
                    published = starting.From;
                }

                var purposes = r.Next(2) == 0 ? Subset(["security", "compliance"], 1) : [.. Subset(Purposes, 0).Where(p => p != "ai_training"), "ai_training"];
                notices.Add(new ONotice($"N{notices.Count + 1:D2}", tool, program, $"{v}", published,
                    Ordered(purposes.Distinct().ToList(), Purposes), Ordered(Subset(Capabilities, 0), Capabilities), r.Next(2) == 0,
                    r.Next(3) == 0 ? null : NoticeText(r, Subset(Capabilities, 0))));
            }
        }

        // Workers, their moves (mid-month, often across the EU border) and terminations.
        var workerCount = 5 + (size % 36);
        var workers = new List<OWorker>();
        var locations = new List<OLocation>();
        foreach (var i in Enumerable.Range(1, workerCount))
        {
            var id = $"W{i:D2}";
            DateOnly? terminated = r.Next(5) == 0 ? Day(new DateOnly(2026, 1, 15), 340) : null;
            workers.Add(new OWorker(id, new DateOnly(2020, 1, 1), terminated, terminated is null ? null : r.Next(4) == 0 ? "voluntary" : "reduction_in_force"));
            var from = new DateOnly(2020, 1, 1);
            var moves = r.Next(3);
            for (var m = 0; m <= moves; m++)
            {
                var place = Places[r.Next(Places.Length)];
                DateOnly? to = m == moves ? null : new DateOnly(2026, 1 + r.Next(12), 10 + r.Next(10));
                if (to is { } end && end <= from)
                {
                    to = from.AddDays(30);
                }

                locations.Add(new OLocation(id, place.Country, place.Subdivision, from, to));
                if (to is { } until)
                {
                    from = until.AddDays(1);
                }
            }
        }

        // Datasets and edges: a pipeline shape plus random extra edges (cycles included) that start and stop.
        var datasets = new List<ODataset> { new("raw-a", "raw_capture", false), new("raw-b", "raw_capture", false), new("train-a", "training_dataset", false), new("model-c", "model", true) };
        if (r.Next(10) < 7)
        {
            datasets.Add(new ODataset("ir-store", "security_pipeline", false));
        }

        if (r.Next(2) == 0)
        {
            datasets.Add(new ODataset("analytics", "analytics", false));
        }

        if (r.Next(2) == 0)
        {
            datasets.Add(new ODataset("model-i", "model", false));
        }

        var edges = new List<OEdge>();
        void Edge(string source, string target)
        {
            if (datasets.Any(d => d.Name == source) && datasets.Any(d => d.Name == target) && source != target)
            {
                var first = At(Day(new DateOnly(2025, 8, 1), 420));
                var last = first.AddDays(r.Next(10) < 3 ? r.Next(60) : r.Next(500)).AddMinutes(r.Next(1440));
                edges.Add(new OEdge(source, target, $"job-{edges.Count + 1}", Transforms[r.Next(Transforms.Length)], first, last));
            }
        }

        foreach (var (source, target) in new[] { ("raw-a", "ir-store"), ("raw-a", "train-a"), ("raw-b", "analytics"), ("ir-store", "train-a"), ("analytics", "train-a"), ("train-a", "model-c"), ("train-a", "model-i"), ("raw-b", "ir-store") })
        {
            if (r.Next(10) < 7)
            {
                Edge(source, target);
            }
        }

        foreach (var _ in Enumerable.Range(0, r.Next(5)))
        {
            Edge(datasets[r.Next(datasets.Count)].Name, datasets[r.Next(datasets.Count)].Name);
        }

        if (r.Next(10) < 3)
        {
            // A cycle back into the capture side.
            Edge(r.Next(2) == 0 ? "train-a" : "model-c", r.Next(2) == 0 ? "raw-a" : "ir-store");
        }

        // Batches: within their config's dates and before a termination; some straddle midnight, some an as-of date.
        var batches = new List<OBatch>();
        foreach (var worker in workers)
        {
            foreach (var _ in Enumerable.Range(0, r.Next(7)))
            {
                var config = configs[r.Next(configs.Count)];
                var last = config.To ?? new DateOnly(2026, 12, 31);
                if (worker.Terminated is { } t && t.AddDays(-1) < last)
                {
                    last = t.AddDays(-1);
                }

                if (last < config.From)
                {
                    continue;
                }

                DateTime from;
                var nearAsOf = AsOfDates.Where(d => d >= config.From && d <= last).ToList();
                if (nearAsOf.Count > 0 && r.Next(5) == 0)
                {
                    from = nearAsOf[r.Next(nearAsOf.Count)].ToDateTime(new TimeOnly(18 + r.Next(6), 0), DateTimeKind.Utc);
                }
                else
                {
                    from = At(Day(config.From, last.DayNumber - config.From.DayNumber));
                }

                var minutes = 30 + r.Next(1800);
                var dataset = r.Next(10) switch
                {
                    0 => "train-a",
                    1 or 2 when datasets.Any(d => d.Name == "ir-store") => "ir-store",
                    < 6 => "raw-a",
                    _ => "raw-b",
                };
                batches.Add(new OBatch($"B{batches.Count + 1:D3}", worker.Id, config.Tool, config.Version, dataset, from, from.AddMinutes(minutes), r.Next(minutes + 1)));
            }
        }

        // Edges whose last run is the very moment a batch starts; relocations on the day of a capture.
        for (var i = 0; i < edges.Count && batches.Count > 0; i++)
        {
            var from = batches[r.Next(batches.Count)].From;
            if (r.Next(5) == 0 && from >= edges[i].FirstSeen)
            {
                edges[i] = edges[i] with { LastSeen = from };
            }
        }

        for (var i = 1; i < locations.Count; i++)
        {
            var (previous, next) = (locations[i - 1], locations[i]);
            if (previous.Worker == next.Worker && r.Next(3) == 0 && batches.Where(b => b.Worker == next.Worker).Select(b => DateOnly.FromDateTime(b.From))
                    .Where(d => d > previous.From && (next.To is null || d <= next.To)).FirstOrDefault() is { } moved && moved != default)
            {
                locations[i - 1] = previous with { To = moved.AddDays(-1) };
                locations[i] = next with { From = moved };
            }
        }

        // Acknowledgements (consent given, withheld, or left to the notice), opt-outs (often on the day of a capture).
        var acks = new List<OAck>();
        foreach (var worker in workers)
        {
            foreach (var notice in notices.Where(_ => r.Next(3) == 0))
            {
                IReadOnlyList<string>? consent = r.Next(3) switch { 0 => null, 1 => notice.Purposes, _ => Ordered(Subset(Purposes, 1), Purposes) };
                var at = At(Day(notice.Published, 120));
                if (r.Next(6) == 0 && batches.FirstOrDefault(b => b.Worker == worker.Id && DateOnly.FromDateTime(b.From) >= notice.Published) is { } batch)
                {
                    // Acknowledged the very moment a capture starts.
                    at = batch.From;
                }

                acks.Add(new OAck(worker.Id, notice.Id, at, consent));
            }
        }

        var optOuts = new List<OOptOut>();
        foreach (var worker in workers.Where(_ => r.Next(3) == 0))
        {
            var mine = batches.Where(b => b.Worker == worker.Id).ToList();
            var pick = mine.Count > 0 ? mine[r.Next(mine.Count)] : null;
            var at = pick is null || r.Next(2) == 0 ? At(Day(new DateOnly(2025, 12, 1), 380))
                : r.Next(3) switch { 0 => pick.From, 1 => pick.To, _ => At(DateOnly.FromDateTime(pick.From)) };
            optOuts.Add(new OOptOut(worker.Id, programs[r.Next(programs.Count)].Id, at, r.Next(2) == 0 ? "future_only" : "including_past"));
        }

        // Agreements covering part of the period; reductions in force and AI announcements on either side of each other.
        var agreements = workers.Where(_ => r.Next(4) == 0).Select((w, i) =>
        {
            var from = Day(new DateOnly(2025, 10, 1), 420);
            return new OAgreement($"A{i + 1:D2}", w.Id, programs[r.Next(programs.Count)].Id, from, r.Next(2) == 0 ? null : from.AddDays(r.Next(150)));
        }).ToList();
        var events = new List<OEvent>();
        foreach (var i in Enumerable.Range(1, r.Next(3)))
        {
            var announced = Day(new DateOnly(2025, 12, 1), 390);
            events.Add(new OEvent($"RIF-{i}", "reduction_in_force", announced, r.Next(2) == 0 ? null : announced.AddDays(r.Next(40))));
        }

        foreach (var i in Enumerable.Range(1, r.Next(3)))
        {
            events.Add(new OEvent($"AI-{i}", "ai_investment_announcement", Day(new DateOnly(2025, 6, 1), 570), null));
        }

        // Let some laid-off workers go close to an event's date, before or after it.
        var reductions = events.Where(e => e.Kind == "reduction_in_force").ToList();
        for (var i = 0; i < workers.Count && reductions.Count > 0; i++)
        {
            if (workers[i] is { Reason: "reduction_in_force", Terminated: { } t } worker && r.Next(2) == 0)
            {
                var reduction = reductions[r.Next(reductions.Count)];
                var near = (reduction.Effective ?? reduction.Announced).AddDays(r.Next(-20, 21));
                if (!batches.Any(b => b.Worker == worker.Id && DateOnly.FromDateTime(b.To) >= near))
                {
                    workers[i] = worker with { Terminated = near };
                }
            }
        }

        // Settings a company changes: a shorter train-then-trim window, EU/EEA alone as "EU staff".
        return new Org(workers, locations, programs, tools, configs, notices, acks, optOuts, datasets, edges, batches, agreements, events)
        {
            WindowDays = r.Next(3) == 0 ? 30 + r.Next(60) : 180,
            ExemptUkAndSwitzerland = r.Next(3) != 0,
        };
    }

    /// <summary>Smaller organisations: each list with chunks of its rows removed (halves, then quarters, ... then single rows).</summary>
    public static IEnumerable<Org> Shrink(Org org)
    {
        foreach (var candidate in Chunks(org.Batches).Select(b => org with { Batches = b }))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.Workers).Select(w => (org with { Workers = w }).Consistent()))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.Edges).Select(e => org with { Edges = e }))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.Acks).Select(a => org with { Acks = a }))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.OptOuts).Select(o => org with { OptOuts = o }))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.Notices).Select(n => (org with { Notices = n }).Consistent()))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.Configs).Select(c => (org with { Configs = c }).Consistent()))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.Agreements).Select(a => org with { Agreements = a }))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.Events).Select(e => org with { Events = e }))
        {
            yield return candidate;
        }

        foreach (var candidate in Chunks(org.Locations).Select(l => org with { Locations = l }))
        {
            yield return candidate;
        }
    }

    /// <summary>Drops rows that refer to a removed worker, config or notice.</summary>
    private static Org Consistent(this Org org)
    {
        var workers = org.Workers.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var notices = org.Notices.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var configs = org.Configs.Select(c => (c.Tool, c.Version)).ToHashSet();
        return org with
        {
            Locations = org.Locations.Where(l => workers.Contains(l.Worker)).ToList(),
            Acks = org.Acks.Where(a => workers.Contains(a.Worker) && notices.Contains(a.Notice)).ToList(),
            OptOuts = org.OptOuts.Where(o => workers.Contains(o.Worker)).ToList(),
            Batches = org.Batches.Where(b => workers.Contains(b.Worker) && configs.Contains((b.Tool, b.Version))).ToList(),
            Agreements = org.Agreements.Where(a => workers.Contains(a.Worker)).ToList(),
        };
    }

    private static IEnumerable<IReadOnlyList<T>> Chunks<T>(IReadOnlyList<T> rows)
    {
        for (var size = rows.Count / 2; size >= 1; size /= 2)
        {
            for (var at = 0; at < rows.Count; at += size)
            {
                yield return rows.Take(at).Concat(rows.Skip(at + size)).ToList();
            }

            if (size == 1)
            {
                yield break;
            }
        }

        if (rows.Count == 1)
        {
            yield return [];
        }
    }

    private static IReadOnlyList<string> Ordered(IEnumerable<string> codes, string[] order) => order.Where(codes.Contains).ToList();

    /// <summary>A notice text of two or three paragraphs: what it says of training, and the capabilities it names.</summary>
    private static ONoticeText NoticeText(Random r, List<string> capabilities)
    {
        var says = r.Next(2) == 0;
        var named = Ordered(capabilities, Capabilities);
        var training = says ? SaysTraining[r.Next(SaysTraining.Length)] : DoesNotSay[r.Next(DoesNotSay.Length)];
        var paragraphs = new List<string> { "Monitoring notice", training };
        if (named.Count > 0)
        {
            var words = named.Select(c => CapabilityWords[c]).ToList();
            paragraphs.Add($"The agent records {(words.Count == 1 ? words[0] : string.Join(", ", words[..^1]) + " and " + words[^1])}.");
        }

        return new ONoticeText(says, named, string.Join("\n\n", paragraphs));
    }
}
