using System.Globalization;
using System.Text.RegularExpressions;
using Audit.Service.Records;
using Audit.Service.Reporting;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.Tests.Reporting;

/// <summary>
/// A report of a past period, made after newer scans and later status changes, says what was known then: nothing in
/// it is dated after its period, and the remediation plan it carries judges findings by the statuses of its data date.
/// </summary>
public sealed partial class PastPeriodReportTests(ReportDemoFixture demo) : IClassFixture<ReportDemoFixture>
{
    private static readonly YearMonth March = new(2026, 3);

    [Fact]
    public async Task MarchReport_AfterOctobersScan_HasNoDateAfterMarch_AndItsPlanIgnoresLaterStatuses()
    {
        var history = demo.Services.GetRequiredService<ScanHistory>();
        var march = (await history.FindingsAsync((await history.ScanForAsync(March.LastDay)).ScanId)).Where(f => !f.IsResolvedHere).Select(f => f.FindingKey).First();
        // Decided today, long after March: the March plan must still list the finding as open then.
        await demo.Services.GetRequiredService<FindingStatusService>().ChangeAsync(march, new FindingChangeRequest("test", "accepted in December", FindingStatus.AcceptedRisk, Approver: "the board", ExpiresOn: DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1)));

        var files = await demo.Services.GetRequiredService<ReportService>().MonthlyAsync(March);

        using var workbook = new XLWorkbook(files.Paths.Single(p => p.EndsWith(".xlsx", StringComparison.Ordinal)));
        var late = new List<string>();
        foreach (var sheet in workbook.Worksheets)
        {
            foreach (var cell in sheet.CellsUsed())
            {
                if (sheet.Name == "Summary" && cell.Address.RowNumber == 4)
                {
                    continue; // "Generated at": when the report was made, not what it reports
                }

                if (cell.DataType == XLDataType.DateTime && DateOnly.FromDateTime(cell.GetDateTime()) > March.LastDay)
                {
                    late.Add($"{sheet.Name}!{cell.Address}: {cell.GetDateTime():yyyy-MM-dd}");
                }

                // The exposure table's notes cite statutes, whose dates are law, not data (CT's 2026-10-01 amendment).
                foreach (Match m in Day().Matches(sheet.Name == "Exposure assumptions" ? string.Empty : cell.GetString()))
                {
                    if (DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture) > March.LastDay)
                    {
                        late.Add($"{sheet.Name}!{cell.Address}: {m.Value}");
                    }
                }
            }
        }

        Assert.True(late.Count == 0, "dated after March:\n" + string.Join("\n", late.Take(20)));
        var remediation = workbook.Worksheet("Remediation");
        Assert.Contains(remediation.Column(1).CellsUsed(), c => c.GetString() == march);
    }

    [GeneratedRegex(@"\b20\d\d-\d\d-\d\d\b")]
    private static partial Regex Day();
}
