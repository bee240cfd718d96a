using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Audit.Service.Data;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Audit.Service.BrowserTests;

/// <summary>
/// The compliance officer's pages in a real browser (issue 12): the latest monthly report downloaded through the
/// page, the findings table and its filters, a finding's page and its status form, the trend, and the page's
/// guards (anti-forgery, sign-out, counsel read-only).
/// </summary>
public sealed class CompliancePagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task MonthlyReport_PdfDownloadedFromThePage_IsTheStoredFileAndTheAuditLogHasItsHash()
    {
        var page = await app.SignInAsync(Role.Compliance);
        await BrowserApp.ScreenshotAsync(page, "compliance-home");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Monthly reports" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Latest: 2026-10" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "compliance-monthly-reports");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("#latest-report").GetByRole(AriaRole.Link, new() { Name = "Download PDF of the 2026-10 report", Exact = false }).ClickAsync());
        var saved = Path.Combine(app.Root, "downloaded-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);

        var stored = Path.Combine(app.OutputPath, "monthly", "2026-10", "compliance-report-2026-10.pdf");
        Assert.Equal("compliance-report-2026-10.pdf", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(saved);
        Assert.Equal(await File.ReadAllBytesAsync(stored), bytes);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var log = await app.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Actor: BrowserApp.UserName(Role.Compliance), Action: AuditActions.Download));
        Assert.Contains(log, e => e.Sha256 == sha256 && e.Subject!.Contains("compliance-report-2026-10.pdf", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Findings_FilteredByRuleAndSeverity_ShowOnlyMatchingRows()
    {
        var page = await app.SignInAsync(Role.Compliance);
        await page.GotoAsync("/findings");
        var all = await page.Locator("#findings-table tbody tr").CountAsync();
        var scan = await LatestActiveAsync();
        Assert.Equal(scan.Count, all);
        await BrowserApp.ScreenshotAsync(page, "compliance-findings");

        // The rule with most findings, so the filter has something to leave out.
        var rule = scan.GroupBy(f => f.RuleCode).OrderByDescending(g => g.Count()).First();
        await page.GetByLabel("Rule").SelectOptionAsync(rule.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"rule={rule.Key}"));
        var rules = await page.Locator("#findings-table tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(rule.Count(), rules.Count);
        Assert.All(rules, r => Assert.Equal(rule.Key, r.Trim()));

        var severity = rule.First().Severity;
        await page.GetByLabel("Severity").SelectOptionAsync(severity);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        var rows = page.Locator("#findings-table tbody tr");
        Assert.Equal(rule.Count(f => f.Severity == severity), await rows.CountAsync());
        Assert.All(await page.Locator("#findings-table tbody tr td:nth-child(2)").AllInnerTextsAsync(), s => Assert.Equal(severity, s.Trim()));

        // A tablet (768 wide): the table scrolls inside its box, the page itself never sideways.
        await page.SetViewportSizeAsync(768, 1024);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await BrowserApp.ScreenshotAsync(page, "compliance-findings-tablet-768");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Findings_NewSinceLastMonth_AreThoseTheScanOfTheMonthBeforeDidNotSee()
    {
        var page = await app.SignInAsync(Role.Compliance);
        await page.GotoAsync("/findings");
        await page.GetByLabel("New since last month").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        var history = app.Services.GetRequiredService<ScanHistory>();
        var scans = await history.ListAsync();
        var september = (await history.FindingsAsync(scans.Single(s => s.AsOf == new DateOnly(2026, 9, 30)).ScanId)).Where(f => !f.IsResolvedHere).Select(f => f.FindingKey).ToHashSet();
        var expected = (await LatestActiveAsync()).Select(f => f.FindingKey).Where(k => !september.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var shown = (await page.Locator("#findings-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.finding)")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, shown);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Findings_AssignedAnOwner_ShowTheOwnerAndDueDay_AndTheOwnerFilterLeavesOnlyTheirs()
    {
        var finding = (await LatestActiveAsync()).OrderBy(f => f.FindingKey, StringComparer.Ordinal).First();
        var service = app.Services.GetRequiredService<FindingStatusService>();
        var due = service.Today.AddDays(10);
        await service.ChangeAsync(finding.FindingKey, new FindingChangeRequest("dana", "privacy team takes it", Owner: "Privacy Team", DueOn: due));

        var page = await app.SignInAsync(Role.Compliance);
        await page.GotoAsync("/findings");
        await page.GetByLabel("Owner").FillAsync("privacy team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        var rows = page.Locator("#findings-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        var row = rows.First;
        Assert.Equal(finding.FindingKey, await row.GetAttributeAsync("data-finding"));
        await Assertions.Expect(row).ToContainTextAsync("Privacy Team");
        await Assertions.Expect(row).ToContainTextAsync(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#findings-table thead")).ToContainTextAsync("Days open");

        // The CSV of the same filter: the header, then that one finding with its owner and due day; the download is audited.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download these as CSV" }).ClickAsync());
        var saved = Path.Combine(app.Root, "downloaded-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var lines = await File.ReadAllLinesAsync(saved);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("finding_id,rule,severity,title,subject,status,owner,due_on,overdue,days_open", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(finding.FindingKey + ",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Privacy Team," + due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ",no,", lines[1], StringComparison.Ordinal);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved)));
        var log = await app.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Actor: BrowserApp.UserName(Role.Compliance), Action: AuditActions.Download));
        Assert.Contains(log, e => e.Sha256 == sha256 && e.Subject!.Contains(download.SuggestedFilename, StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Findings_SearchSortAndBulkAssign_TheTickedFindingsAllGetTheOwner_ARefusedChangeLeavesThemAll()
    {
        var findings = await LatestActiveAsync();
        var page = await app.SignInAsync(Role.Compliance);

        // Sorted by affected workers, the first row is the finding with most; an unknown order is refused, not ignored.
        await page.GotoAsync("/findings");
        await page.GetByLabel("Sort by").SelectOptionAsync("workers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        var most = findings.Max(f => f.AffectedWorkerCount);
        var firstKey = await page.Locator("#findings-table tbody tr").First.GetAttributeAsync("data-finding");
        Assert.Equal(most, findings.Single(f => f.FindingKey == firstKey).AffectedWorkerCount);
        Assert.Equal(400, (await page.GotoAsync("/findings?sort=cheapest"))!.Status);

        // Search finds by any part of the id, title or subject, ignoring case.
        var target = findings.OrderBy(f => f.FindingKey, StringComparer.Ordinal).Last();
        var word = target.SubjectKey.ToUpperInvariant();
        await page.GotoAsync("/findings");
        await page.GetByLabel("Search").FillAsync(word);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        var keys = await page.Locator("#findings-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.finding)");
        Assert.Contains(target.FindingKey, keys);
        Assert.All(keys, k =>
        {
            var f = findings.Single(x => x.FindingKey == k);
            Assert.True(new[] { f.FindingKey, f.Title, f.SubjectKey, f.SubjectName }.Any(v => v?.Contains(word, StringComparison.OrdinalIgnoreCase) == true), k);
        });
        Assert.True(keys.Length < findings.Count, "the search should leave some findings out");

        // Tick two, assign them: both get the owner, each change audited with its actor.
        await page.GotoAsync("/findings?sort=rule");
        var two = (await page.Locator("#findings-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.finding)")).Take(2).ToList();
        var owner = "bulk team " + Guid.NewGuid().ToString("N")[..6];
        foreach (var key in two)
        {
            await page.GetByLabel("Tick " + key, new() { Exact = true }).CheckAsync();
        }

        await page.GetByLabel("Assign to").FillAsync(owner);
        await page.GetByLabel("Note for the history (required)").FillAsync("assigned in bulk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply to ticked" }).ClickAsync();
        await BrowserApp.ScreenshotAsync(page, "compliance-findings-bulk-assigned", fullPage: true);
        await Assertions.Expect(page.Locator("#bulk-done")).ToContainTextAsync("Changed 2 findings");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=rule"));
        var items = await app.Services.GetRequiredService<FindingStatusService>().ListAsync(new FindingFilter(Owner: owner));
        Assert.Equal(two.Order(StringComparer.Ordinal), items.Select(i => i.FindingKey).Order(StringComparer.Ordinal));
        var log = await app.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Actor: BrowserApp.UserName(Role.Compliance), Action: AuditActions.StatusChange));
        Assert.All(two, key => Assert.Contains(log, e => e.Subject == "finding " + key && e.Details!.Contains(owner, StringComparison.Ordinal)));

        // Accepting the risk without an approver is refused for both: neither changes, and the page says why.
        foreach (var key in two)
        {
            await page.GetByLabel("Tick " + key, new() { Exact = true }).CheckAsync();
        }

        await page.GetByLabel("Set status to").SelectOptionAsync("accepted_risk");
        await page.GetByLabel("Note for the history (required)").FillAsync("we live with it");
        var refused = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Apply to ticked" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await Assertions.Expect(page.Locator("#bulk-error")).ToContainTextAsync("nothing was changed");
        var after = await app.Services.GetRequiredService<FindingStatusService>().ListAsync(new FindingFilter(Owner: owner));
        Assert.All(after, i => Assert.Equal("open", i.Status));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Counsel_SeesNoBulkForm_AndABulkPostIsForbidden()
    {
        var page = await app.SignInAsync(Role.Counsel);
        await page.GotoAsync("/findings");
        await Assertions.Expect(page.Locator("#findings-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#bulk-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#findings-table input[type=checkbox]")).ToHaveCountAsync(0);

        var key = (await LatestActiveAsync()).First().FindingKey;
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var response = await page.Context.APIRequest.PostAsync("/findings?handler=Bulk", new()
        {
            Form = FormOf(page, ("Selected", key), ("BulkOwner", "counsel"), ("BulkNote", "counsel tries"), ("__RequestVerificationToken", token)),
            MaxRedirects = 0,
        });
        Assert.Equal(403, response.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Findings_StatusFilterWithAnUnknownCode_IsRefusedNotWidened()
    {
        var page = await app.SignInAsync(Role.Compliance);
        var response = await page.GotoAsync("/findings?status=opn");

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'opn' is not a status");
        await Assertions.Expect(page.Locator("#findings-table")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Finding_StatusChangedWithANote_IsInItsHistoryAndTheTable()
    {
        var page = await app.SignInAsync(Role.Compliance);
        var finding = (await LatestActiveAsync()).OrderByDescending(f => f.ExposureHigh).First();
        await page.GotoAsync("/findings?rule=" + finding.RuleCode);
        await page.Locator($"#findings-table tr[data-finding='{finding.FindingKey}'] a").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(finding.Title);
        await Assertions.Expect(page.Locator("#affected-workers")).ToHaveTextAsync(finding.AffectedWorkerCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#exposure-table tbody tr").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "compliance-finding", fullPage: true);

        var note = $"Training copy of {finding.SubjectKey} quarantined; ticket SEC-{Guid.NewGuid().ToString("N")[..6]}";
        await page.GetByLabel("New status").SelectOptionAsync("remediating");
        await page.GetByLabel("Note (why)").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record status" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("recorded");
        var latest = page.Locator("#status-history li").First;
        await Assertions.Expect(latest).ToContainTextAsync("remediating");
        await Assertions.Expect(latest).ToContainTextAsync(note);
        await Assertions.Expect(latest).ToContainTextAsync(BrowserApp.UserName(Role.Compliance));
        await Assertions.Expect(page.Locator("#current-status")).ToHaveTextAsync("remediating");
        await BrowserApp.ScreenshotAsync(page, "compliance-finding-status-changed");

        var history = await app.Services.GetRequiredService<FindingStatusService>().HistoryAsync(finding.FindingKey);
        Assert.Equal(("remediating", note, BrowserApp.UserName(Role.Compliance)), (history[^1].Status, history[^1].Note, history[^1].ChangedBy));
        var log = await app.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Action: AuditActions.StatusChange));
        Assert.Contains(log, e => e.Subject == $"finding {finding.FindingKey}" && e.Details!.Contains(note, StringComparison.Ordinal));

        await page.GotoAsync("/findings?status=remediating");
        await Assertions.Expect(page.Locator($"#findings-table tr[data-finding='{finding.FindingKey}']")).ToContainTextAsync(note);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Finding_StatusWithoutANote_IsRefusedAndNothingRecorded()
    {
        var page = await app.SignInAsync(Role.Compliance);
        var finding = (await LatestActiveAsync()).OrderBy(f => f.FindingKey, StringComparer.Ordinal).First();
        var before = (await app.Services.GetRequiredService<FindingStatusService>().HistoryAsync(finding.FindingKey)).Count;
        await page.GotoAsync("/findings/detail?id=" + Uri.EscapeDataString(finding.FindingKey));

        // The browser would stop an empty required field; a note of spaces reaches the server, which says why.
        await page.GetByLabel("New status").SelectOptionAsync("accepted_risk");
        await page.GetByLabel("Note (why)").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record status" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Note: say why");
        Assert.Equal(before, (await app.Services.GetRequiredService<FindingStatusService>().HistoryAsync(finding.FindingKey)).Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Form_PostedWithoutTheAntiforgeryToken_IsRefused()
    {
        var page = await app.SignInAsync(Role.Compliance);
        var finding = (await LatestActiveAsync()).OrderBy(f => f.FindingKey, StringComparer.Ordinal).Last();
        var service = app.Services.GetRequiredService<FindingStatusService>();
        var before = (await service.HistoryAsync(finding.FindingKey)).Count;

        // The signed-in session's cookies, a well-formed form, but no __RequestVerificationToken.
        var response = await page.Context.APIRequest.PostAsync("/findings/detail?id=" + Uri.EscapeDataString(finding.FindingKey), new()
        {
            Form = FormOf(page, ("NewStatus", "resolved"), ("Note", "forged")),
            MaxRedirects = 0,
        });

        Assert.Equal(400, response.Status);
        Assert.Equal(before, (await service.HistoryAsync(finding.FindingKey)).Count);

        // Sign-out is a form too: without its token the session stays.
        var signOut = await page.Context.APIRequest.PostAsync("/sign-out", new() { Form = FormOf(page, ("x", "y")), MaxRedirects = 0 });
        Assert.Equal(400, signOut.Status);
        Assert.Equal(200, await BrowserApp.StatusOfAsync(page, "/findings"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var page = await app.SignInAsync(Role.Compliance);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await page.GotoAsync("/findings");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl=%2Ffindings"));
        Assert.Equal(401, await BrowserApp.StatusOfAsync(page, "/api/v1/session"));
        await BrowserApp.ScreenshotAsync(page, "sign-in");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Trend_DrawsOpenFindingsAndExposureAsSvgFromTheScans()
    {
        var page = await app.SignInAsync(Role.Compliance);
        await page.GotoAsync("/trend");

        // Two scans (2026-09 and 2026-10): two months on each chart, and the figures as a table.
        await Assertions.Expect(page.Locator("#trend-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Open findings by severity, month by month" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Exposure range (USD), month by month" })).ToBeVisibleAsync();
        Assert.True(await page.Locator("#findings-trend rect").CountAsync() >= 2);
        await Assertions.Expect(page.Locator("#exposure-trend polygon")).ToHaveCountAsync(1);
        var open = (await LatestActiveAsync()).Count;
        await Assertions.Expect(page.Locator("#trend-table tbody tr").Last.Locator("td").Nth(4)).ToHaveTextAsync(open.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await BrowserApp.ScreenshotAsync(page, "compliance-trend", fullPage: true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Counsel_ReadsAFinding_WithoutTheStatusForm()
    {
        var page = await app.SignInAsync(Role.Counsel);
        var finding = (await LatestActiveAsync()).First();
        await page.GotoAsync("/findings/detail?id=" + Uri.EscapeDataString(finding.FindingKey));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(finding.Title);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record status" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Read-only for your role")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "counsel-finding");

        // Counsel's own form token, a note and a status: the policy still says no.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var response = await page.Context.APIRequest.PostAsync("/findings/detail?id=" + Uri.EscapeDataString(finding.FindingKey), new()
        {
            Form = FormOf(page, ("NewStatus", "resolved"), ("Note", "counsel tries"), ("__RequestVerificationToken", token)),
            MaxRedirects = 0,
        });
        Assert.Equal(403, response.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_TabReachesSkipLinkThenNavigation_AndFiltersApplyWithEnter()
    {
        var page = await app.SignInAsync(Role.Compliance);
        await page.GotoAsync("/findings");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to content");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Findings");

        // Filters without a mouse: focus the rule, choose with the keyboard, submit with Enter.
        await page.GetByLabel("Rule").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("rule=R1"));
        await page.Context.CloseAsync();
    }

    private async Task<List<ScanFindingRecord>> LatestActiveAsync()
    {
        var history = app.Services.GetRequiredService<ScanHistory>();
        var scan = (await history.ListAsync()).Single(s => s.AsOf == BrowserApp.LatestScan);
        return (await history.FindingsAsync(scan.ScanId)).Where(f => !f.IsResolvedHere).ToList();
    }

    private static IFormData FormOf(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
