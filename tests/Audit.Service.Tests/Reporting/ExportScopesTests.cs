using Audit.Service.Reporting;

namespace Audit.Service.Tests.Reporting;

/// <summary>Counsel's scope as typed (CLI, API, page read it the same way): a typo is refused by field, never dropped.</summary>
public sealed class ExportScopesTests
{
    [Theory]
    [InlineData(null, null, null, ExportScopeField.Matter, "--matter: give the matter")]
    [InlineData("M-1", "2026-13-01", null, ExportScopeField.From, "--from: '2026-13-01' is not a date (yyyy-MM-dd)")]
    [InlineData("M-1", null, "31/10/2026", ExportScopeField.To, "--to: '31/10/2026' is not a date (yyyy-MM-dd)")]
    [InlineData("M-1", "2026-06-01", "2026-01-01", ExportScopeField.From, "--from: 2026-06-01 is after --to 2026-01-01")]
    public void Parse_BadText_IsRefusedNamingTheField(string? matter, string? from, string? to, ExportScopeField field, string cli)
    {
        var (request, problems) = ExportScopes.Parse(matter, null, null, null, from, to);

        Assert.Null(request);
        var problem = Assert.Single(problems);
        Assert.Equal(field, problem.Field);
        Assert.StartsWith(cli, problem.ForCli, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ApiNamesTheJsonProperty_PageGivesTheReasonAlone()
    {
        var problem = Assert.Single(ExportScopes.Parse("M-1", ["W1", " "], null, null, null, null).Problems);

        Assert.StartsWith("workerIds: an empty worker id", problem.ForApi, StringComparison.Ordinal);
        Assert.StartsWith("an empty worker id", problem.ForPage, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GoodText_GivesTheWholeDaysSortedWorkersAndTrimmedNames()
    {
        var (request, problems) = ExportScopes.Parse(" 2026-CV-0113 ", ["W2", "W1", "W2"], " ", "models/agent-cua-1 ", "2026-01-01", "2026-06-30");

        Assert.Empty(problems);
        Assert.Equal("2026-CV-0113", request!.MatterId);
        Assert.Equal(["W1", "W2"], request.WorkerIds);
        Assert.Null(request.Dataset);
        Assert.Equal("models/agent-cua-1", request.Model);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), request.From);
        Assert.Equal(new DateOnly(2026, 6, 30), DateOnly.FromDateTime(request.To!.Value.UtcDateTime));
        Assert.Equal(TimeOnly.MaxValue, TimeOnly.FromDateTime(request.To.Value.UtcDateTime));
    }
}
