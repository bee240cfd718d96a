using System.Security.Cryptography;
using System.Text;
using Audit.Service.Data;
using Audit.Service.Security;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Audit.Service.Tests.Security;

/// <summary>The audit log (issue 11): append-only, and what the API records in it.</summary>
public sealed class AuditTrailTests : IAsyncDisposable
{
    private static readonly Caller Counsel = new("carol", Role.Counsel);
    private readonly TestDatabase _db = new();
    private readonly ManualTime _time = new();
    private readonly AuditTrail _trail;

    public AuditTrailTests()
    {
        _trail = new AuditTrail(new AuditLog(_db.Database), _db.Database, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _trail.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task Download_RecordsWhoRoleRequestAndTheSha256OfTheBytesServed()
    {
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.7 the report");
        var sha = await AuditTrail.Sha256Async(new MemoryStream(bytes));

        await _trail.DownloadAsync(Counsel, "GET /api/v1/reports/7/download", "monthly-2026-10.pdf", sha);

        var entry = Assert.Single(await _trail.ListAsync(new AuditQuery()));
        Assert.Equal(("carol", "counsel", "download", "monthly-2026-10.pdf", "GET /api/v1/reports/7/download"), (entry.Actor, entry.Role, entry.Action, entry.Subject, entry.Request));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.Sha256);
    }

    [Fact]
    public async Task LineagePosts_WrittenOncePerKeyPerMinute()
    {
        var airflow = new Caller("airflow", Role.Ingest);
        var spark = new Caller("spark", Role.Ingest);
        for (var i = 0; i < 40; i++)
        {
            _trail.LineagePosted(airflow, 201, repeat: i % 10 == 0);
        }

        _trail.LineagePosted(airflow, 400);
        _trail.LineagePosted(spark, 201);
        await _trail.FlushAsync(all: false);
        Assert.Empty(await _trail.ListAsync(new AuditQuery()));

        _time.Advance(TimeSpan.FromMinutes(1));
        _trail.LineagePosted(airflow, 201);
        await _trail.FlushAsync(all: false);

        var rows = await _trail.ListAsync(new AuditQuery(Action: AuditActions.LineagePost));
        Assert.Equal(
            ["airflow 2026-11-28 09:00 UTC 41 events: 40 × 201, 1 × 400 (4 exact repeats)", "spark 2026-11-28 09:00 UTC 1 events: 1 × 201"],
            rows.Select(r => $"{r.Actor} {r.Subject} {r.Details}").Order(StringComparer.Ordinal));
        await _trail.FlushAsync();
        Assert.Equal(3, (await _trail.ListAsync(new AuditQuery(Actor: "airflow", Action: AuditActions.LineagePost))).Count + 1);
    }

    [Fact]
    public async Task List_FiltersByActorActionRoleAndTime()
    {
        await _trail.StatusChangedAsync(new Caller("dana", Role.Compliance), "POST /api/v1/findings/R1:x/status", "R1:x", "status remediating: ticket 42");
        await _trail.ExportRequestedAsync(Counsel, "POST /api/v1/exports", "3", "matter M-1");
        await _trail.ImportedAsync(new Caller("etl", Role.Ingest), "POST /api/v1/imports/workers", "workers", "workers.csv", "10 rows");

        Assert.Equal("status-change", Assert.Single(await _trail.ListAsync(new AuditQuery(Actor: "dana"))).Action);
        Assert.Equal("carol", Assert.Single(await _trail.ListAsync(new AuditQuery(Action: AuditActions.ExportRequest))).Actor);
        Assert.Equal("etl", Assert.Single(await _trail.ListAsync(new AuditQuery(Role: "ingest"))).Actor);
        Assert.Equal(3, (await _trail.ListAsync(new AuditQuery(Since: DateTime.UtcNow.AddMinutes(-5)))).Count);
        Assert.Empty(await _trail.ListAsync(new AuditQuery(Until: DateTime.UtcNow.AddDays(-1))));
        Assert.Equal(2, (await _trail.ListAsync(new AuditQuery(Limit: 2))).Count);
    }

    [Theory]
    [InlineData("UPDATE AuditLog SET Actor = 'someone else'")]
    [InlineData("UPDATE AuditLog SET Sha256 = NULL")]
    [InlineData("DELETE FROM AuditLog")]
    public async Task AuditLog_UpdateOrDelete_RefusedBySqlite(string statement)
    {
        await _trail.DownloadAsync(Counsel, "GET /x", "x.pdf", new string('a', 64));
        await using var connection = await _db.Database.OpenAsync();

        var ex = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(statement));

        Assert.Contains("AuditLog is append-only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await _db.CountAsync("AuditLog"));
    }
}
