using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Audit.Sql.Tests;

/// <summary>Parses T-SQL the way every test here does: SQL Server 2022 grammar, QUOTED_IDENTIFIER ON.</summary>
public static class TSqlScripts
{
    public static TSqlScript Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return (TSqlScript)parser.Parse(reader, out errors);
    }
}
