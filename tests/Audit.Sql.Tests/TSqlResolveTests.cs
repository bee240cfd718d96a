using Audit.Sql.Tests.Resolution;
using Audit.Sql.Tests.Schema;

namespace Audit.Sql.Tests;

public sealed class TSqlResolveTests
{
    [Theory]
    [MemberData(nameof(SqlFiles.AllSqlServer), MemberType = typeof(SqlFiles))]
    public void TSqlFile_NamesOnlyKnownTablesAndColumns(string file)
    {
        var problems = TSqlNameResolver.Resolve(TSqlSchema.ParseFile(file), TSqlSchema.For(file)).Problems;

        Assert.True(problems.Count == 0, string.Join('\n', problems.Select(p => p.Format("sql/" + file))));
    }
}
