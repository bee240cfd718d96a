using System.Globalization;
using System.Text;
using Audit.Service.Cli;
using Audit.Service.Data;
using Audit.Rules;
using Audit.Service.Scanning;

namespace Audit.Service.Tests.Rules;

/// <summary>
/// The scan's batch pass reads SQLite through its statement API and SQL Server through ADO.NET; `bench scan` holds the
/// scan against a plain read of the same rows through each library. Both ways must read the same thing.
/// </summary>
public sealed class ScanReadTests(ScanDemoFixture demo) : IClassFixture<ScanDemoFixture>
{
    private static readonly DateOnly AsOf = new(2026, 10, 31);

    [Fact]
    public async Task BatchCursor_StatementApiAndAdoNet_ReadTheSameBatchesInTheSameOrder()
    {
        var database = demo.World.Database;
        var cutoff = AsOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var a = await database.OpenAsync();
        await using var b = await database.OpenAsync();
        await using var statements = await BatchCursor.OpenAsync(database, a, cutoff, CancellationToken.None);
        await using var ado = await BatchCursor.OpenAdoAsync(database, b, cutoff, CancellationToken.None);

        var rows = 0;
        var workersSeen = 0;
        while (await statements.ReadAsync(CancellationToken.None))
        {
            Assert.True(await ado.ReadAsync(CancellationToken.None), $"ADO.NET ran out of rows after {rows}");
            Assert.Equal(Row(ado), Row(statements));
            workersSeen += statements.NewWorker ? 1 : 0;
            rows++;
        }

        Assert.False(await ado.ReadAsync(CancellationToken.None));
        Assert.Equal(demo.Result.BatchesRead, rows);
        Assert.InRange(workersSeen, 1, rows - 1);
    }

    [Fact]
    public async Task BenchBaselines_PlainAndCApiReads_ReadTheSameRowsAsEachOther()
    {
        var plain = await ScanBaselines.PlainReadAsync(demo.World.Database, AsOf, CancellationToken.None);
        var floor = await ScanBaselines.CApiReadAsync(demo.World.Database, AsOf, CancellationToken.None);

        Assert.Equal(plain, floor);

        // Every batch plus the workers (one row each) at least: the small tables are read too.
        Assert.True(plain > demo.Result.BatchesRead + 300, $"{plain} rows read");
    }

    [Fact]
    public void StoredTimestampText_ReadByPosition_AgreesWithTheGeneralParser()
    {
        var random = new Random(14);
        for (var i = 0; i < 2_000; i++)
        {
            var t = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextInt64(0, 60L * 365 * 24 * 3600));
            var text = TypeHandlers.FormatTimestamp(t);
            var general = DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

            Assert.Equal(general, TypeHandlers.ToUtc(text));
            Assert.Equal(general, TypeHandlers.ToUtc(Encoding.UTF8.GetBytes(text).AsSpan()));
            Assert.Equal(DateTimeKind.Utc, TypeHandlers.ToUtc(text).Kind);
            Assert.Equal(DateOnly.FromDateTime(t), TypeHandlers.ToDateOnly(text[..10]));
            Assert.Equal(DateOnly.FromDateTime(t), TypeHandlers.ToDateOnly(text));
        }
    }

    [Theory]
    [InlineData("2026-02-30 10:00:00")]
    [InlineData("2026-13-01 10:00:00")]
    [InlineData("2026-01-01 24:00:00")]
    [InlineData("2026-0a-01 10:00:00")]
    public void ImpossibleStoredTimestamp_IsRefusedNotWrappedIntoAnotherDay(string text) =>
        Assert.Throws<FormatException>(() => TypeHandlers.ToUtc(text));

    [Fact]
    public void StoredTimestampInAnotherShape_IsStillRead() =>
        Assert.Equal(new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc), TypeHandlers.ToUtc("2026-03-01T09:30:00Z"));

    private static (string, string, string, long, DateTime, DateTime, int, bool, bool) Row(BatchCursor c) =>
        (c.WorkerId.ToString(), c.ToolId.ToString(), c.ConfigVersion.ToString(), c.DatasetId, c.CapturedFrom, c.CapturedTo, c.ActiveMinutes, c.NewWorker, c.NewConfig);
}
