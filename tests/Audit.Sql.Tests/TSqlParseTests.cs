namespace Audit.Sql.Tests;

public sealed class TSqlParseTests
{
    [Theory]
    [MemberData(nameof(SqlFiles.AllSqlServer), MemberType = typeof(SqlFiles))]
    public void TSqlFile_Parses(string file)
    {
        TSqlScripts.Parse(SqlFiles.Read(file), out var errors);

        Assert.True(
            errors.Count == 0,
            string.Join('\n', errors.Select(e => $"sql/{file}:{e.Line}:{e.Column}: {e.Message}")));
    }
}
