using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Audit.Service.Tests.Reference;

/// <summary>
/// The scan against the reference evaluator on generated organisations, each imported through the real CSV
/// importer and scanned as of several dates. They must agree exactly on every finding's key, affected workers and,
/// where the rule counts them, batches, active minutes and per-worker uncompensated hours.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    /// <summary>Fixed so every run tries the same organisations; set AUDIT_DIFFERENTIAL_SEED to explore others.</summary>
    private const ulong DefaultSeed = 20261127;

    /// <summary>Enough organisations to run in about a minute; AUDIT_DIFFERENTIAL_CASES asks for more.</summary>
    private const int DefaultCases = 40;

    [Fact]
    public void Scan_GeneratedOrganisations_AgreesWithReferenceEvaluator()
    {
        var cases = Setting("AUDIT_DIFFERENTIAL_CASES", DefaultCases);
        var seed = (ulong)Setting("AUDIT_DIFFERENTIAL_SEED", (long)DefaultSeed);
        var ran = 0;
        var findings = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithStartSize(0)
            .WithEndSize(100)
            .WithReplay(new Replay(new Rnd(seed), null))
            .WithQuietOnSuccess(true);
        Prop.ForAll(OrgGenerator.Arbitrary(), org =>
        {
            ran++;
            foreach (var outcome in Differential.AssertAgrees(org))
            {
                findings[outcome.Rule] = findings.GetValueOrDefault(outcome.Rule) + 1;
            }
        }).Check(config);
        output.WriteLine($"{ran} organisations agreed with the reference on {OrgGenerator.AsOfDates.Length} as-of dates each (seed {seed}); findings they agreed on: {string.Join(", ", findings.Select(f => $"{f.Key} {f.Value}"))}.");
    }

    private static long Setting(string name, long fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{name} must be a positive whole number, not '{text}'.")
            : fallback;

    private static int Setting(string name, int fallback) => (int)Setting(name, (long)fallback);
}

/// <summary>Comparing a scan with the reference, and keeping a failing organisation where a person can replay it.</summary>
public static class Differential
{
    /// <summary>Scans the organisation as of each date and throws, with the import files named, where the scan and the reference differ; returns the findings they agreed on.</summary>
    public static List<Outcome> AssertAgrees(Org org)
    {
        using var scanned = ScannedOrg.ImportAsync(org).GetAwaiter().GetResult();
        var agreed = new List<Outcome>();
        foreach (var asOf in OrgGenerator.AsOfDates)
        {
            var scan = scanned.ScanAsync(asOf).GetAwaiter().GetResult();
            var reference = ReferenceEvaluator.Evaluate(org, asOf);
            var differences = Compare(scan, reference);
            if (differences.Count > 0)
            {
                var folder = SaveForReplay(org);
                throw new InvalidOperationException(
                    $"As of {Org.Day(asOf)} the scan and the reference disagree:\n{string.Join('\n', differences)}\n"
                    + $"Replay: the import files are in {folder} (import them in file-name order, then `scan --as-of {Org.Day(asOf)}`).\n{org}");
            }

            agreed.AddRange(reference);
        }

        return agreed;
    }

    /// <summary>One line per finding that differs: only in the scan, only in the reference, or different workers or figures.</summary>
    public static List<string> Compare(IReadOnlyList<Outcome> scan, IReadOnlyList<Outcome> reference)
    {
        var bySan = scan.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var byRef = reference.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var key in bySan.Keys.Union(byRef.Keys).Order(StringComparer.Ordinal))
        {
            var s = bySan.GetValueOrDefault(key);
            var r = byRef.GetValueOrDefault(key);
            if (s is null || r is null || !Same(s, r))
            {
                lines.Add($"  scan:      {s?.ToString() ?? "(none)"}\n  reference: {r?.ToString() ?? "(none)"}");
            }
        }

        return lines;
    }

    private static bool Same(Outcome s, Outcome r) =>
        s.Workers.SetEquals(r.Workers)
        && (r.Batches is null || (s.Batches == r.Batches && s.ActiveMinutes == r.ActiveMinutes))
        && (r.Hours is null || (s.Hours is not null && r.Hours.All(h => Math.Abs(s.Hours.GetValueOrDefault(h.Key) - h.Value) < 0.01m)));

    /// <summary>Writes the organisation's import files to a folder named by their hash, so the same case lands in the same place.</summary>
    public static string SaveForReplay(Org org)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(org.ToString())))[..12];
        var folder = Path.Combine(Path.GetTempPath(), "audit-differential", hash);
        org.WriteTo(folder);
        return folder;
    }
}
