using Audit.Sql.Tests.Resolution;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Audit.Sql.Tests.Schema;

/// <summary>The T-SQL files read once per test run: parsed scripts and the schema models built from them.</summary>
public static class TSqlSchema
{
    private static readonly Lazy<SchemaModel> MigratedLazy = new(() => Before(null));
    private static readonly Lazy<SchemaModel> QuerySessionLazy = new(BuildQuerySession);

    /// <summary>The schema after every T-SQL migration.</summary>
    public static SchemaModel Migrated => MigratedLazy.Value;

    /// <summary>
    /// The schema a query file runs against: the migrated schema plus every temp table any query file creates, since
    /// the service may create a staging table with one file and fill or merge from it with another on one connection.
    /// </summary>
    public static SchemaModel QuerySession => QuerySessionLazy.Value;

    public static TSqlScript ParseFile(string file)
    {
        var script = TSqlScripts.Parse(SqlFiles.Read(file), out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"sql/{file} does not parse: {errors[0].Line}:{errors[0].Column}: {errors[0].Message}");
        }

        return script;
    }

    /// <summary>The schema the migrations before <paramref name="migration"/> leave (all of them when null).</summary>
    public static SchemaModel Before(string? migration) =>
        SchemaModel.FromScripts(SqlFiles.Migrations(SqlFiles.SqlServer)
            .TakeWhile(f => !string.Equals(f, migration, StringComparison.Ordinal))
            .Select(ParseFile));

    /// <summary>The schema a file is checked against.</summary>
    public static SchemaModel For(string file) =>
        SqlFiles.Migrations(SqlFiles.SqlServer).Contains(file) ? Before(file) : QuerySession;

    private static SchemaModel BuildQuerySession()
    {
        var session = Migrated.Clone();
        foreach (var file in SqlFiles.Queries(SqlFiles.SqlServer))
        {
            var resolved = TSqlNameResolver.Resolve(ParseFile(file), Migrated);
            foreach (var table in resolved.Schema.Tables.Where(t => t.IsTemporary))
            {
                session.AddTable(table.Clone());
            }
        }

        return session;
    }
}
