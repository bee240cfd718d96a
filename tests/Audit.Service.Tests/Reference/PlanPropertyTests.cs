using System.Globalization;
using Audit.Rules;
using FsCheck;
using FsCheck.Fluent;

namespace Audit.Service.Tests.Reference;

/// <summary>
/// The remediation plan on generated organisations, scanned and planned with the shipped remedy table (issue 23's
/// acceptance, for any organisation rather than the demo alone): every open finding has an option; every figure is
/// 0 ≤ low ≤ high; no option leaves more exposure than the finding has, or more accruing than it accrues; an option
/// that settles nothing leaves the past exposure as it was (past conduct stays); one that stops accrual leaves none.
/// </summary>
public sealed class PlanPropertyTests
{
    [Fact]
    public void Plan_OfAnyOrganisation_PricesEveryOpenFinding_AndNeverRaisesItsExposure()
    {
        var cases = Environment.GetEnvironmentVariable("AUDIT_PROPERTY_CASES") is { Length: > 0 } text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : 30;
        var planned = 0;
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithEndSize(40).WithReplay(new Replay(new Rnd(20261207), null)).WithQuietOnSuccess(true);
        Prop.ForAll(Arb.From(OrgGenerator.Arbitrary().Generator), org =>
        {
            using var scanned = ScannedOrg.ImportAsync(org).GetAwaiter().GetResult();
            scanned.ScanAsync(new DateOnly(2026, 7, 15)).GetAwaiter().GetResult();
            var plan = scanned.PlanAsync().GetAwaiter().GetResult();
            var problems = new List<string>();
            static bool Ordered(ExposureRange r) => r.Low >= 0 && r.Low <= r.High;
            foreach (var f in plan.Findings)
            {
                planned++;
                var exposure = f.Finding.Exposure;
                if (f.Options.Count == 0)
                {
                    problems.Add($"{f.Finding.FindingKey}: no option");
                }

                if (!Ordered(f.AccruingPerMonth))
                {
                    problems.Add($"{f.Finding.FindingKey}: accruing {f.AccruingPerMonth}");
                }

                foreach (var o in f.Options)
                {
                    var at = $"{f.Finding.FindingKey} / {o.Id}";
                    if (!Ordered(o.Cost) || !Ordered(o.ExposureAfter) || !Ordered(o.AccrualAfter))
                    {
                        problems.Add($"{at}: cost {o.Cost}, after {o.ExposureAfter}, accrual after {o.AccrualAfter}");
                    }

                    if (o.ExposureAfter.Low > exposure.Low || o.ExposureAfter.High > exposure.High || o.AccrualAfter.High > f.AccruingPerMonth.High)
                    {
                        problems.Add($"{at}: leaves {o.ExposureAfter} (accruing {o.AccrualAfter}) of {exposure} (accruing {f.AccruingPerMonth})");
                    }

                    if (o.Retires.Count == 0 && o.ExposureAfter != exposure)
                    {
                        problems.Add($"{at}: settles nothing but leaves {o.ExposureAfter} of {exposure}");
                    }

                    if (o.StopsAccrual && o.AccrualAfter != ExposureRange.Zero)
                    {
                        problems.Add($"{at}: stops accrual but still accrues {o.AccrualAfter}");
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"Plan of scan {plan.ScanId}:\n{string.Join('\n', problems)}\nOrganisation: {Differential.SaveForReplay(org)}\n{org}");
            }
        }).Check(config);

        Assert.True(planned > cases, $"only {planned} findings planned over {cases} organisations");
    }
}
