using Audit.Sql.Tests.Resolution;
using Audit.Sql.Tests.Schema;

namespace Audit.Sql.Tests;

/// <summary>
/// The resolver against the migrated schema, on the query shapes the service uses, so a green
/// <see cref="TSqlResolveTests"/> means something: each mistake below must be caught.
/// </summary>
public sealed class TSqlNameResolverTests
{
    private const string StageCreate = """
        DROP TABLE IF EXISTS #Stage_CaptureBatch;
        CREATE TABLE #Stage_CaptureBatch (
            BatchId       NVARCHAR(64) NOT NULL PRIMARY KEY,
            WorkerId      NVARCHAR(64) NOT NULL,
            ToolId        NVARCHAR(64) NOT NULL,
            ConfigVersion NVARCHAR(32) NOT NULL,
            DatasetId     INT          NOT NULL,
            CapturedFrom  DATETIME2(0) NOT NULL,
            CapturedTo    DATETIME2(0) NOT NULL,
            ActiveMinutes INT          NOT NULL,
            EventCount    BIGINT       NOT NULL
        );
        """;

    private const string StageMerge = """
        MERGE dbo.CaptureBatch WITH (HOLDLOCK) AS t
        USING #Stage_CaptureBatch AS s ON t.BatchId = s.BatchId
        WHEN MATCHED AND (t.EventCount <> s.EventCount OR t.ActiveMinutes <> s.ActiveMinutes) THEN
            UPDATE SET t.CapturedTo = s.CapturedTo, ActiveMinutes = s.ActiveMinutes, EventCount = s.EventCount
        WHEN NOT MATCHED BY TARGET THEN
            INSERT (BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount)
            VALUES (s.BatchId, s.WorkerId, s.ToolId, s.ConfigVersion, s.DatasetId, s.CapturedFrom, s.CapturedTo, s.ActiveMinutes, s.EventCount)
        OUTPUT $action AS MergeAction, inserted.BatchId, s.WorkerId;
        """;

    private const string Upstream = """
        WITH Upstream (DatasetId, Depth) AS (
            SELECT e.SourceDatasetId, 1
            FROM dbo.LineageEdge AS e
            WHERE e.TargetDatasetId = @DatasetId
            UNION ALL
            SELECT e.SourceDatasetId, u.Depth + 1
            FROM dbo.LineageEdge AS e
            JOIN Upstream AS u ON e.TargetDatasetId = u.DatasetId
            WHERE u.Depth < @MaxDepth
        )
        SELECT d.DatasetId, d.Namespace, d.Name, MIN(u.Depth) AS Depth
        FROM Upstream AS u
        JOIN dbo.Dataset AS d ON d.DatasetId = u.DatasetId
        GROUP BY d.DatasetId, d.Namespace, d.Name
        ORDER BY Depth, d.Name
        OPTION (MAXRECURSION 100);
        """;

    private const string WorkerPage = """
        SELECT w.WorkerId, w.DisplayName, loc.CountryCode, ack.Acknowledged, p.value AS Purpose
        FROM dbo.Worker AS w
        OUTER APPLY (
            SELECT TOP (1) l.CountryCode
            FROM dbo.WorkerLocation AS l
            WHERE l.WorkerId = w.WorkerId AND l.ValidFrom <= @AsOf
            ORDER BY l.ValidFrom DESC
        ) AS loc
        LEFT JOIN (
            SELECT a.WorkerId, COUNT(*) AS Acknowledged
            FROM dbo.Acknowledgement AS a
            GROUP BY a.WorkerId
        ) AS ack ON ack.WorkerId = w.WorkerId
        CROSS APPLY STRING_SPLIT(@Purposes, ';') AS p
        WHERE EXISTS (SELECT 1 FROM dbo.CaptureBatch AS b WHERE b.WorkerId = w.WorkerId AND b.CapturedFrom >= @From)
          AND w.WorkerId NOT IN (SELECT o.WorkerId FROM dbo.OptOut AS o WHERE o.ProgramId = @ProgramId)
          AND DATEADD(day, 30, w.HireDate) <= @AsOf
        ORDER BY w.WorkerId
        OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;
        """;

    private const string CloseFindings = """
        DECLARE @Changed TABLE (FindingKey NVARCHAR(450) NOT NULL, Status VARCHAR(20) NOT NULL);

        SELECT f.FindingKey, f.Status AS OldStatus
        INTO #Open
        FROM dbo.Finding AS f
        WHERE f.IsActive = 1;

        UPDATE f
        SET Status = v.Status, f.LastScanId = @ScanId
        OUTPUT inserted.FindingKey, deleted.Status INTO @Changed (FindingKey, Status)
        FROM dbo.Finding AS f
        JOIN #Open AS o ON o.FindingKey = f.FindingKey
        JOIN (VALUES ('open', 'Open'), ('closed', 'Closed')) AS v (Code, Status) ON v.Code = o.OldStatus;

        DELETE fw
        FROM dbo.ScanFindingWorker AS fw
        WHERE NOT EXISTS (SELECT 1 FROM #Open AS o WHERE o.FindingKey = fw.FindingKey);

        INSERT INTO dbo.FindingStatusChange (FindingKey, Status, ChangedBy, ChangedAt)
        SELECT c.FindingKey, c.Status, @ChangedBy, SYSUTCDATETIME()
        FROM @Changed AS c;

        DROP TABLE #Open;
        """;

    [Fact]
    public void Resolve_KnownColumns_PassesWithoutProblems()
    {
        Assert.Empty(Problems("SELECT Worker.WorkerId, DisplayName, dbo.Worker.HireDate FROM dbo.Worker WHERE HireDate <= @AsOf;"));
    }

    [Fact]
    public void Resolve_MisspelledQualifiedColumn_ReportsItWithPosition()
    {
        var problem = Assert.Single(TSqlNameResolver.Resolve("SELECT w.WorkerId,\n       w.WorkerNmae\nFROM dbo.Worker AS w;", TSqlSchema.Migrated));

        Assert.Equal("q.sql:2:8: unknown column w.WorkerNmae", problem.Format("q.sql"));
    }

    [Fact]
    public void Resolve_MisspelledUnqualifiedColumn_Fails()
    {
        Assert.Equal(["1:8: unknown column HireDate"], Problems("SELECT HireDate FROM dbo.Finding;"));
    }

    [Fact]
    public void Resolve_MisspelledTable_Fails()
    {
        Assert.Equal(["1:15: unknown table dbo.Workers"], Problems("SELECT * FROM dbo.Workers;"));
    }

    [Fact]
    public void Resolve_UnknownAlias_Fails()
    {
        Assert.Equal(["1:8: unknown column x.WorkerId"], Problems("SELECT x.WorkerId FROM dbo.Worker AS w;"));
    }

    [Fact]
    public void Resolve_AliasToCte_ResolvesItsColumns()
    {
        const string sql = """
            WITH Active AS (SELECT WorkerId, HireDate AS Since FROM dbo.Worker WHERE TerminationDate IS NULL)
            SELECT a.WorkerId, a.Since FROM Active AS a ORDER BY Since;
            """;

        Assert.Empty(Problems(sql));
        Assert.Equal(["2:20: unknown column a.HireDate"], Problems(sql.Replace("a.Since FROM", "a.HireDate FROM", StringComparison.Ordinal)));
    }

    [Fact]
    public void Resolve_RecursiveCte_ResolvesAndCatchesMistakes()
    {
        Assert.Empty(Problems(Upstream));
        Assert.Equal(
            ["8:47: unknown column u.Dataset", "13:40: unknown column u.Dataset"],
            Problems(Upstream.Replace("= u.DatasetId\n", "= u.Dataset\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Resolve_RecursiveCteWithoutColumnList_TakesNamesFromAnchor()
    {
        const string sql = """
            WITH Chain AS (
                SELECT e.SourceDatasetId AS DatasetId, 1 AS Depth FROM dbo.LineageEdge AS e WHERE e.TargetDatasetId = @Id
                UNION ALL
                SELECT e.SourceDatasetId, c.Depth + 1 FROM dbo.LineageEdge AS e JOIN Chain AS c ON c.DatasetId = e.TargetDatasetId
            )
            SELECT DatasetId, Depth FROM Chain;
            """;

        Assert.Empty(Problems(sql));
        Assert.Equal(["4:31: unknown column c.Level"], Problems(sql.Replace("c.Depth + 1", "c.Level + 1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Resolve_JoinsApplyDerivedTablesAndSubqueries_Pass()
    {
        Assert.Empty(Problems(WorkerPage));
    }

    [Theory]
    [InlineData("l.ValidFrom <= @AsOf", "l.ValidFromm <= @AsOf", "unknown column l.ValidFromm")]
    [InlineData("ack.WorkerId = w.WorkerId", "ack.AckWorkerId = w.WorkerId", "unknown column ack.AckWorkerId")]
    [InlineData("b.CapturedFrom >= @From", "b.CaptureFrom >= @From", "unknown column b.CaptureFrom")]
    [InlineData("o.ProgramId = @ProgramId", "ProgramIdd = @ProgramId", "unknown column ProgramIdd")]
    [InlineData("p.value AS Purpose", "p.Value2 AS Purpose", "unknown column p.Value2")]
    [InlineData("dbo.OptOut AS o", "dbo.OptOuts AS o", "unknown table dbo.OptOuts")]
    public void Resolve_MistakeInJoinsApplyDerivedTablesOrSubqueries_Fails(string correct, string mistaken, string expected)
    {
        var problems = Problems(WorkerPage.Replace(correct, mistaken, StringComparison.Ordinal));

        Assert.Contains(problems, p => p.EndsWith(": " + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_DerivedTable_DoesNotSeeItsSiblings()
    {
        // HireDate belongs to w, which a (non-APPLY) derived table cannot see.
        const string sql = "SELECT w.WorkerId FROM dbo.Worker AS w JOIN (SELECT WorkerId FROM dbo.OptOut WHERE HireDate > @d) AS o ON o.WorkerId = w.WorkerId;";

        Assert.Equal(["1:84: unknown column HireDate"], Problems(sql));
    }

    [Fact]
    public void Resolve_StageTableCreatedAndMergedInOneScript_Passes()
    {
        Assert.Empty(Problems(StageCreate + "\n" + StageMerge));
    }

    [Fact]
    public void Resolve_StageTableCreatedByAnotherFile_PassesWithItsSchema()
    {
        var session = TSqlNameResolver.Resolve(TSqlScripts.Parse(StageCreate, out _), TSqlSchema.Migrated).Schema;

        Assert.Empty(TSqlNameResolver.Resolve(StageMerge, session));
        Assert.Equal(["2:7: unknown table #Stage_CaptureBatch"], Problems(StageMerge));
    }

    [Theory]
    [InlineData("t.EventCount <> s.EventCount", "t.EventCount <> s.EventCnt", "unknown column s.EventCnt")]
    [InlineData("t.CapturedTo = s.CapturedTo", "t.CaptureTo = s.CapturedTo", "unknown column t.CaptureTo")]
    [InlineData("ActiveMinutes = s.ActiveMinutes,", "ActiveMinute = s.ActiveMinutes,", "unknown column t.ActiveMinute")]
    [InlineData("INSERT (BatchId, WorkerId,", "INSERT (BatchId, Worker,", "unknown column t.Worker")]
    [InlineData("VALUES (s.BatchId,", "VALUES (t.BatchId,", "unknown column t.BatchId")]
    [InlineData("inserted.BatchId", "inserted.Batch", "unknown column inserted.Batch")]
    [InlineData("USING #Stage_CaptureBatch AS s", "USING #Stage_CaptureBatches AS s", "unknown table #Stage_CaptureBatches")]
    public void Resolve_MistakeInMerge_Fails(string correct, string mistaken, string expected)
    {
        var problems = Problems(StageCreate + "\n" + StageMerge.Replace(correct, mistaken, StringComparison.Ordinal));

        Assert.Contains(problems, p => p.EndsWith(": " + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_TempTablesTableVariablesValuesUpdateDeleteOutput_Pass()
    {
        Assert.Empty(Problems(CloseFindings));
    }

    [Theory]
    [InlineData("SET Status = v.Status", "SET State = v.Status", "unknown column f.State")]
    [InlineData("ON v.Code = o.OldStatus", "ON v.Code = o.Status", "unknown column o.Status")]
    [InlineData("INTO @Changed (FindingKey, Status)", "INTO @Changed (FindingKey, NewStatus)", "unknown column @Changed.NewStatus")]
    [InlineData("deleted.Status INTO", "deleted.Statuss INTO", "unknown column deleted.Statuss")]
    [InlineData("o.FindingKey = fw.FindingKey", "o.FindingKey = fw.FindingKy", "unknown column fw.FindingKy")]
    [InlineData("(FindingKey, Status, ChangedBy, ChangedAt)", "(FindingKey, Status, ChangedBy, ChangedOn)", "unknown column FindingStatusChange.ChangedOn")]
    [InlineData("FROM @Changed AS c", "FROM @Changes AS c", "unknown table variable @Changes")]
    public void Resolve_MistakeInDml_Fails(string correct, string mistaken, string expected)
    {
        var problems = Problems(CloseFindings.Replace(correct, mistaken, StringComparison.Ordinal));

        Assert.Contains(problems, p => p.EndsWith(": " + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_MigrationDdl_SeesWhatEarlierStatementsCreated()
    {
        const string sql = """
            ALTER TABLE dbo.Worker ADD Email NVARCHAR(200) NULL;
            GO
            CREATE INDEX IX_Worker_Email ON dbo.Worker (Email);
            UPDATE dbo.Worker SET Email = NULL WHERE Email IS NOT NULL;
            """;

        Assert.Empty(Problems(sql));
    }

    [Theory]
    [InlineData("CREATE INDEX IX_Worker_Mail ON dbo.Worker (Mail);", "1:44: unknown column Worker.Mail")]
    [InlineData("ALTER TABLE dbo.Worker DROP COLUMN Mail;", "1:36: unknown column Worker.Mail")]
    [InlineData("CREATE TABLE dbo.X (WorkerId NVARCHAR(64) NOT NULL CONSTRAINT FK_X_Worker REFERENCES dbo.Worker (Id));", "1:98: unknown column Worker.Id")]
    [InlineData("CREATE TABLE dbo.X (A INT NOT NULL, CONSTRAINT PK_X PRIMARY KEY (B));", "1:66: unknown column X.B")]
    [InlineData("ALTER TABLE dbo.Workers ADD Email NVARCHAR(200) NULL;", "1:1: unknown table dbo.Workers")]
    public void Resolve_MistakeInMigrationDdl_Fails(string sql, string expected)
    {
        Assert.Equal([expected], Problems(sql));
    }

    [Fact]
    public void SchemaModel_FollowsAddDropAndRename()
    {
        const string sql = """
            ALTER TABLE dbo.Worker ADD Email NVARCHAR(200) NULL;
            ALTER TABLE dbo.Worker DROP COLUMN TerminationReason;
            EXEC sp_rename 'dbo.Worker.DisplayName', 'FullName', 'COLUMN';
            EXEC sp_rename 'dbo.ScanRun', 'Scan';
            DROP TABLE dbo.ReportRun;
            """;
        var model = TSqlSchema.Migrated.Clone();
        foreach (var statement in TSqlScripts.Parse(sql, out _).Batches.SelectMany(b => b.Statements))
        {
            model.Apply(statement);
        }

        var worker = model.Find("dbo", "Worker")!;
        Assert.Contains("Email", worker.Columns);
        Assert.Contains("FullName", worker.Columns);
        Assert.DoesNotContain("TerminationReason", worker.Columns);
        Assert.DoesNotContain("DisplayName", worker.Columns);
        Assert.NotNull(model.Find("dbo", "Scan"));
        Assert.Null(model.Find("dbo", "ScanRun"));
        Assert.Null(model.Find("dbo", "ReportRun"));
    }

    private static List<string> Problems(string sql) =>
        [.. TSqlNameResolver.Resolve(sql, TSqlSchema.Migrated).Select(p => p.ToString())];
}
