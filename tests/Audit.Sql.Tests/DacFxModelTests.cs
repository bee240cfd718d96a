using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Audit.Sql.Tests;

/// <summary>
/// The SQL Server path checked without a server (issue 26, item 5): the migrations are folded into the schema they
/// leave (tables as created, then columns added, altered and dropped, tables dropped; indexes and triggers), built into
/// a DacFx model of SQL Server 2022, and every query file is added as a procedure over it. DacFx then resolves every
/// name: a misspelt column (SQL71501) or table (SQL71502) fails here, long before a live server would. The staging
/// queries' temporary table is created in the same procedure as the merge that reads it.
/// </summary>
public sealed partial class DacFxModelTests
{
    [Fact]
    public void TheSchemaAndEveryQuery_ResolveInADacFxModel()
    {
        var (model, queries) = Build(static (_, text) => text);
        using (model)
        {
            var problems = model.Validate().Select(m => $"SQL{m.Number}: {m.Message}").ToList();

            Assert.True(queries == SqlFiles.Queries(SqlFiles.SqlServer).Count, $"{queries} queries added");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    [Theory]
    [InlineData("Notice_ListIds", "SELECT NoticeId FROM", "SELECT NoticeIdx FROM", 71501)]
    [InlineData("NoticeText_ListCurrent", "FROM dbo.NoticeText", "FROM dbo.NoticeTexts", 71502)]
    public void AMisspeltName_FailsTheCheck(string query, string from, string to, int expected)
    {
        var (model, _) = Build((name, text) => name == query ? text.Replace(from, to, StringComparison.Ordinal) : text);
        using (model)
        {
            Assert.Contains(model.Validate(), m => m.Number == expected && m.Message.Contains("q_" + query, StringComparison.Ordinal));
        }
    }

    /// <summary>The model of the migrations' schema with every query as a procedure (<paramref name="edit"/> may change a query's text first).</summary>
    private static (TSqlModel Model, int Queries) Build(Func<string, string, string> edit)
    {
        var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        var generator = new Sql160ScriptGenerator();
        foreach (var statement in Schema())
        {
            generator.GenerateScript(statement, out var text);
            model.AddObjects(text);
        }

        var queries = 0;
        foreach (var path in SqlFiles.Queries(SqlFiles.SqlServer))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var body = edit(name, SqlFiles.Read(path));
            var create = SqlFiles.Queries(SqlFiles.SqlServer).FirstOrDefault(p => name.EndsWith("_StageMerge", StringComparison.Ordinal)
                && Path.GetFileNameWithoutExtension(p) == name.Replace("_StageMerge", "_StageCreate", StringComparison.Ordinal));
            if (create is not null)
            {
                body = SqlFiles.Read(create) + "\n" + body;
            }

            // Parameters are declared sql_variant: DacFx resolves names, and the queries' types are the columns'.
            var parameters = Parameter().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).Select(p => $"@{p} sql_variant");
            model.AddObjects($"CREATE PROCEDURE dbo.[q_{name}] {string.Join(", ", parameters)} AS\nBEGIN\n{body}\nEND");
            queries++;
        }

        return (model, queries);
    }

    /// <summary>The schema the migrations leave, as CREATE statements: what DacFx models (it takes no ALTER, one statement at a time).</summary>
    private static IEnumerable<TSqlStatement> Schema()
    {
        var tables = new Dictionary<string, CreateTableStatement>(StringComparer.OrdinalIgnoreCase);
        var others = new List<TSqlStatement>();
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        foreach (var path in SqlFiles.Migrations(SqlFiles.SqlServer))
        {
            var script = (TSqlScript)parser.Parse(new StringReader(SqlFiles.Read(path)), out var errors);
            Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}");
            foreach (var statement in script.Batches.SelectMany(b => b.Statements))
            {
                switch (statement)
                {
                    case CreateTableStatement create:
                        tables[Name(create.SchemaObjectName)] = create;
                        break;
                    case AlterTableAddTableElementStatement add:
                        var added = tables[Name(add.SchemaObjectName)].Definition;
                        foreach (var newColumn in add.Definition.ColumnDefinitions)
                        {
                            added.ColumnDefinitions.Add(newColumn);
                        }

                        foreach (var constraint in add.Definition.TableConstraints)
                        {
                            added.TableConstraints.Add(constraint);
                        }

                        break;
                    case AlterTableAlterColumnStatement alter:
                        var altered = Column(tables[Name(alter.SchemaObjectName)], alter.ColumnIdentifier.Value)
                            ?? throw new InvalidOperationException($"{path}: ALTER COLUMN {alter.ColumnIdentifier.Value} of a column no migration added");
                        altered.DataType = alter.DataType;
                        break;
                    case AlterTableDropTableElementStatement drop:
                        var table = tables[Name(drop.SchemaObjectName)];
                        foreach (var element in drop.AlterTableDropTableElements)
                        {
                            if (Column(table, element.Name.Value) is { } dropped)
                            {
                                table.Definition.ColumnDefinitions.Remove(dropped);
                            }

                            if (table.Definition.TableConstraints.FirstOrDefault(c => c.ConstraintIdentifier?.Value == element.Name.Value) is { } constraint)
                            {
                                table.Definition.TableConstraints.Remove(constraint);
                            }
                        }

                        break;
                    case DropTableStatement dropTable:
                        foreach (var name in dropTable.Objects.Select(Name))
                        {
                            tables.Remove(name);
                            others.RemoveAll(o => o is CreateIndexStatement index && Name(index.OnName) == name);
                        }

                        break;
                    case CreateIndexStatement or CreateTriggerStatement or CreateViewStatement or CreateProcedureStatement:
                        others.Add(statement);
                        break;
                }
            }
        }

        return [.. tables.Values, .. others];
    }

    private static ColumnDefinition? Column(CreateTableStatement table, string name) =>
        table.Definition.ColumnDefinitions.FirstOrDefault(c => string.Equals(c.ColumnIdentifier.Value, name, StringComparison.OrdinalIgnoreCase));

    private static string Name(SchemaObjectName name) => $"{name.SchemaIdentifier?.Value ?? "dbo"}.{name.BaseIdentifier.Value}";

    [GeneratedRegex("@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();
}
