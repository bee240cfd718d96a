using Audit.Service.Records;
using Audit.Service.Tests.Rules;
using Audit.Service.Tests.Security;

namespace Audit.Service.Tests.Reporting;

/// <summary>
/// Issue 25, item 1, as a compliance team works findings: an owner and a due day from the SLA per severity, days open
/// and overdue, an accepted risk only with an approver other than the recorder and an expiry, which a later scan
/// enforces; several findings changed at once, all or none.
/// </summary>
public sealed class FindingWorkflowTests
{
    private const string Key = "R2:config:rec 1.0";

    private static ScanWorld World() => new ScanWorld()
        .Worker("W1", "US", "US-CA")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "productivity")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train")
        .Batch("W1", "rec", "1.0", "raw", "2026-06-02");

    private static ManualTime At(int year, int month, int day)
    {
        var clock = new ManualTime();
        clock.Advance(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        return clock;
    }

    [Fact]
    public async Task AcceptingARisk_NeedsAnApproverWhoIsNotTheRecorder_AndAnExpiryWithinTwoYears_ElseNothingIsWritten()
    {
        using var world = World();
        await world.ScanAsync("2026-08-31");
        var service = new FindingStatusService(world.Database, At(2027, 1, 10));
        var before = (await service.HistoryAsync(Key)).Count;

        async Task<string> Refused(FindingChangeRequest request) =>
            (await Assert.ThrowsAsync<FindingChangeRefusedException>(() => service.ChangeAsync(Key, request))).Field;

        Assert.Equal("approver", await Refused(new("dana", "tolerable", FindingStatus.AcceptedRisk, ExpiresOn: new DateOnly(2027, 9, 30))));
        Assert.Equal("approver", await Refused(new("dana", "tolerable", FindingStatus.AcceptedRisk, Approver: "Dana", ExpiresOn: new DateOnly(2027, 9, 30))));
        Assert.Equal("expires", await Refused(new("dana", "tolerable", FindingStatus.AcceptedRisk, Approver: "cfo")));
        Assert.Equal("expires", await Refused(new("dana", "tolerable", FindingStatus.AcceptedRisk, Approver: "cfo", ExpiresOn: new DateOnly(2029, 2, 1))));
        Assert.Equal("expires", await Refused(new("dana", "a note", FindingStatus.Remediating, ExpiresOn: new DateOnly(2027, 3, 1))));
        Assert.Equal("due", await Refused(new("dana", "a note", Owner: "privacy team", DueOn: new DateOnly(2027, 1, 9))));
        Assert.Equal("note", await Refused(new("dana", " ", FindingStatus.Remediating)));
        Assert.Equal(before, (await service.HistoryAsync(Key)).Count);

        await service.ChangeAsync(Key, new("dana", "tolerable until the vendor ships", FindingStatus.AcceptedRisk, Approver: "cfo", ExpiresOn: new DateOnly(2027, 9, 30)));
        var listed = (await service.ListAsync(new FindingFilter(Status: FindingStatus.AcceptedRisk))).Single();
        Assert.Equal(("cfo", new DateOnly(2027, 9, 30), (DateOnly?)null), (listed.Approver, listed.ExpiresOn!.Value, listed.DueOn));
    }

    [Fact]
    public async Task AFinding_IsDueTheSlaDaysAfterItWasFound_UnlessAnOwnerIsGivenADay_AndIsOverdueAfterIt()
    {
        using var world = World();
        await world.ScanAsync("2026-08-31");
        var found = DateOnly.FromDateTime((await new FindingStatusService(world.Database).HistoryAsync(Key))[0].ChangedAt);
        var sla = new Configuration.SlaOptions { Critical = 10, High = 20, Medium = 30, Low = 40 };
        var item = (await new FindingStatusService(world.Database, sla: sla).ListAsync(new FindingFilter())).Single(f => f.FindingKey == Key);
        Assert.Equal(found.AddDays(sla.DaysFor(Enum.Parse<Severity>(item.Severity))), item.DueOn);
        Assert.False(item.Overdue);

        var later = new FindingStatusService(world.Database, At(found.Year + 1, found.Month, 1), sla);
        var overdue = (await later.ListAsync(new FindingFilter(OverdueOnly: true))).Single(f => f.FindingKey == Key);
        Assert.True(overdue.DaysOpen > 300);

        // Assigning keeps the status and the note's history; the owner's day replaces the SLA's.
        var due = later.Today.AddDays(7);
        await later.ChangeAsync(Key, new("dana", "Assigned to the data platform team", Owner: "data platform team", DueOn: due));
        var assigned = (await later.ListAsync(new FindingFilter(Owner: "Data Platform Team"))).Single(f => f.FindingKey == Key);
        Assert.Equal(("open", "data platform team", due, false), (assigned.Status, assigned.Owner, assigned.DueOn!.Value, assigned.Overdue));

        // A later status change that names no owner keeps the one it had.
        await later.SetStatusAsync(Key, FindingStatus.Remediating, "dana", "export job being switched off");
        Assert.Equal("data platform team", (await later.ListAsync(new FindingFilter(Status: FindingStatus.Remediating))).Single().Owner);
    }

    [Fact]
    public async Task AnAcceptedRisk_WhoseLastDayHasPassed_IsReopenedByTheNextScan_WithItsOwner()
    {
        using var world = World();
        await world.ScanAsync("2026-08-31");
        var back = new FindingStatusService(world.Database, At(2027, 1, 10));
        await back.ChangeAsync(Key, new("dana", "vendor fix due in spring", FindingStatus.AcceptedRisk, Owner: "security", Approver: "cfo", ExpiresOn: new DateOnly(2027, 6, 30)));
        var july = At(2027, 7, 5);
        Assert.True((await new FindingStatusService(world.Database, july).ListAsync(new FindingFilter())).Single(f => f.FindingKey == Key).AcceptanceExpired);

        await world.ScanAsync("2026-08-31", new Configuration.AuditOptions { TemplatesPath = ScanWorld.TemplatesPath }, july);

        var history = await back.HistoryAsync(Key);
        Assert.Equal(["open", "accepted_risk", "open"], history.Select(h => h.Status));
        Assert.Equal(("scan", "security", (string?)null), (history[^1].ChangedBy, history[^1].Owner, history[^1].Approver));
        Assert.Contains("expired on 2027-06-30", history[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAcceptedRiskOrResolvedFinding_IsDueNothing_ItsChangeTextNamesNoDueDay()
    {
        // The row keeps the earlier due day (a reopening starts a new one); the history and audit log must not say it is still due.
        var accepted = new FindingStatusChange { FindingKey = Key, Status = "accepted_risk", ChangedBy = "dana", Owner = "security", DueOn = new DateOnly(2026, 9, 30), Approver = "cfo", ExpiresOn = new DateOnly(2027, 6, 30), Note = "vendor fix in spring" };
        var open = new FindingStatusChange { FindingKey = Key, Status = "open", ChangedBy = "dana", Owner = "security", DueOn = new DateOnly(2026, 9, 30), Note = "assigned" };

        Assert.Equal("status accepted_risk (approved by cfo, until 2027-06-30), owner security: vendor fix in spring", FindingChangeText.Describe(accepted));
        Assert.Equal("status open, owner security, due 2026-09-30: assigned", FindingChangeText.Describe(open));
    }

    [Fact]
    public async Task ABulkChange_WithOneUnknownId_ChangesNone()
    {
        using var world = World();
        await world.ScanAsync("2026-08-31");
        var service = new FindingStatusService(world.Database);
        var before = (await service.HistoryAsync(Key)).Count;

        await Assert.ThrowsAsync<FindingNotFoundException>(() => service.ChangeAsync([Key, "R1:no such finding"], new FindingChangeRequest("dana", "triage", FindingStatus.Remediating)));

        Assert.Equal(before, (await service.HistoryAsync(Key)).Count);
        Assert.Equal("open", (await service.ListAsync(new FindingFilter())).Single(f => f.FindingKey == Key).Status);
    }
}
