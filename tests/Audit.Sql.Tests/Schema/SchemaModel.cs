using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Audit.Sql.Tests.Schema;

/// <summary>A named index created by CREATE INDEX or an inline INDEX clause; key columns in order.</summary>
public sealed record IndexModel(string Name, IReadOnlyList<string> Columns, bool IsUnique);

/// <summary>PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or DEFAULT; Name is null when the script left it unnamed.</summary>
public sealed record ConstraintModel(string? Name, string Kind, IReadOnlyList<string> Columns);

public sealed class TableModel
{
    public TableModel(string schema, string name)
    {
        Schema = schema;
        Name = name;
    }

    public string Schema { get; private set; }

    public string Name { get; private set; }

    public bool IsTemporary => Name.StartsWith('#');

    /// <summary>False for a temp table made by SELECT * INTO from a source whose columns are unknown.</summary>
    public bool IsShapeKnown { get; set; } = true;

    public List<string> Columns { get; } = [];

    public List<string> PrimaryKey { get; } = [];

    public List<IndexModel> Indexes { get; } = [];

    public List<ConstraintModel> Constraints { get; } = [];

    public bool HasColumn(string column) => Columns.Contains(column, StringComparer.OrdinalIgnoreCase);

    public void Rename(string schema, string name)
    {
        Schema = schema;
        Name = name;
    }

    public TableModel Clone()
    {
        var copy = new TableModel(Schema, Name) { IsShapeKnown = IsShapeKnown };
        copy.Columns.AddRange(Columns);
        copy.PrimaryKey.AddRange(PrimaryKey);
        copy.Indexes.AddRange(Indexes);
        copy.Constraints.AddRange(Constraints);
        return copy;
    }
}

/// <summary>
/// The SQL Server schema as the T-SQL migrations leave it, built by applying their DDL statements in order.
/// Identifiers compare case-insensitively here, as they do on a server with the default collation.
/// </summary>
public sealed class SchemaModel
{
    private const string DefaultSchema = "dbo";

    private readonly Dictionary<string, TableModel> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _triggers = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<TableModel> Tables => _tables.Values;

    public IEnumerable<string> Triggers => _triggers;

    public static SchemaModel FromScripts(IEnumerable<TSqlScript> scripts)
    {
        var model = new SchemaModel();
        foreach (var statement in scripts.SelectMany(s => s.Batches).SelectMany(b => b.Statements))
        {
            model.Apply(statement);
        }

        return model;
    }

    public static string KeyOf(SchemaObjectName name) => KeyOf(name.SchemaIdentifier?.Value, name.BaseIdentifier.Value);

    public static string KeyOf(string? schema, string name) =>
        name.StartsWith('#') ? name : (schema ?? DefaultSchema) + "." + name;

    public TableModel? Find(SchemaObjectName name) => Find(name.SchemaIdentifier?.Value, name.BaseIdentifier.Value);

    public TableModel? Find(string? schema, string name) => _tables.GetValueOrDefault(KeyOf(schema, name));

    public SchemaModel Clone()
    {
        var copy = new SchemaModel();
        foreach (var (key, table) in _tables)
        {
            copy._tables[key] = table.Clone();
        }

        copy._triggers.UnionWith(_triggers);
        return copy;
    }

    public void AddTable(TableModel table) => _tables[KeyOf(table.Schema, table.Name)] = table;

    public bool RemoveTable(string? schema, string name) => _tables.Remove(KeyOf(schema, name));

    /// <summary>Applies one statement's effect on the schema; statements that change no schema are ignored.</summary>
    public void Apply(TSqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement create:
                var table = new TableModel(create.SchemaObjectName.SchemaIdentifier?.Value ?? DefaultSchema, create.SchemaObjectName.BaseIdentifier.Value);
                AddDefinition(table, create.Definition);
                AddTable(table);
                break;
            case AlterTableAddTableElementStatement add when Find(add.SchemaObjectName) is { } target:
                AddDefinition(target, add.Definition);
                break;
            case AlterTableDropTableElementStatement drop when Find(drop.SchemaObjectName) is { } target:
                foreach (var element in drop.AlterTableDropTableElements)
                {
                    DropElement(target, element);
                }

                break;
            case CreateIndexStatement index when Find(index.OnName) is { } target:
                target.Indexes.RemoveAll(i => string.Equals(i.Name, index.Name.Value, StringComparison.OrdinalIgnoreCase));
                target.Indexes.Add(new IndexModel(index.Name.Value, [.. index.Columns.Select(ColumnName)], index.Unique));
                break;
            case DropIndexStatement dropIndex:
                foreach (var clause in dropIndex.DropIndexClauses.OfType<DropIndexClause>())
                {
                    Find(clause.Object)?.Indexes.RemoveAll(i => string.Equals(i.Name, clause.Index.Value, StringComparison.OrdinalIgnoreCase));
                }

                break;
            case DropTableStatement dropTable:
                foreach (var name in dropTable.Objects)
                {
                    _tables.Remove(KeyOf(name));
                }

                break;
            case CreateTriggerStatement trigger:
                _triggers.Add(trigger.Name.BaseIdentifier.Value);
                break;
            case DropTriggerStatement dropTrigger:
                foreach (var name in dropTrigger.Objects)
                {
                    _triggers.Remove(name.BaseIdentifier.Value);
                }

                break;
            case ExecuteStatement execute when SpRename.TryRead(execute, out var rename):
                ApplyRename(rename);
                break;
            default:
                break;
        }
    }

    internal static string ColumnName(ColumnWithSortOrder column) => column.Column.MultiPartIdentifier.Identifiers[^1].Value;

    internal static string ColumnName(ColumnReferenceExpression column) => column.MultiPartIdentifier.Identifiers[^1].Value;

    private static void AddDefinition(TableModel table, TableDefinition? definition)
    {
        if (definition is null)
        {
            return;
        }

        foreach (var column in definition.ColumnDefinitions)
        {
            var name = column.ColumnIdentifier.Value;
            table.Columns.Add(name);
            foreach (var constraint in column.Constraints)
            {
                AddConstraint(table, constraint, [name]);
            }

            if (column.DefaultConstraint is { } defaultConstraint)
            {
                AddConstraint(table, defaultConstraint, [name]);
            }

            if (column.Index is { } index)
            {
                table.Indexes.Add(new IndexModel(index.Name.Value, [name], index.Unique));
            }
        }

        foreach (var constraint in definition.TableConstraints)
        {
            AddConstraint(table, constraint, []);
        }

        foreach (var index in definition.Indexes)
        {
            table.Indexes.Add(new IndexModel(index.Name.Value, [.. index.Columns.Select(ColumnName)], index.Unique));
        }
    }

    private static void AddConstraint(TableModel table, ConstraintDefinition constraint, IReadOnlyList<string> columnOfDefinition)
    {
        var name = constraint.ConstraintIdentifier?.Value;
        switch (constraint)
        {
            case UniqueConstraintDefinition unique:
                IReadOnlyList<string> columns = unique.Columns.Count > 0 ? [.. unique.Columns.Select(ColumnName)] : columnOfDefinition;
                if (unique.IsPrimaryKey)
                {
                    table.PrimaryKey.Clear();
                    table.PrimaryKey.AddRange(columns);
                }

                table.Constraints.Add(new ConstraintModel(name, unique.IsPrimaryKey ? "PRIMARY KEY" : "UNIQUE", columns));
                break;
            case ForeignKeyConstraintDefinition foreignKey:
                IReadOnlyList<string> keyColumns = foreignKey.Columns.Count > 0 ? [.. foreignKey.Columns.Select(c => c.Value)] : columnOfDefinition;
                table.Constraints.Add(new ConstraintModel(name, "FOREIGN KEY", keyColumns));
                break;
            case CheckConstraintDefinition:
                table.Constraints.Add(new ConstraintModel(name, "CHECK", columnOfDefinition));
                break;
            case DefaultConstraintDefinition defaultConstraint:
                IReadOnlyList<string> defaultColumns = defaultConstraint.Column is { } c ? [c.Value] : columnOfDefinition;
                table.Constraints.Add(new ConstraintModel(name, "DEFAULT", defaultColumns));
                break;
            default:
                break;
        }
    }

    private static void DropElement(TableModel table, AlterTableDropTableElement element)
    {
        var name = element.Name.Value;
        switch (element.TableElementType)
        {
            case TableElementType.Column:
                table.Columns.RemoveAll(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
                break;
            case TableElementType.Index:
                table.Indexes.RemoveAll(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
                break;
            default:
                // "DROP CONSTRAINT x" and a bare "DROP x" both name a constraint.
                var dropped = table.Constraints.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (dropped.Any(c => c.Kind == "PRIMARY KEY"))
                {
                    table.PrimaryKey.Clear();
                }

                table.Constraints.RemoveAll(dropped.Contains);
                break;
        }
    }

    private void ApplyRename(SpRename rename)
    {
        if (Find(rename.Schema, rename.Table) is not { } table)
        {
            return;
        }

        switch (rename.Kind)
        {
            case SpRenameKind.Table:
                _tables.Remove(KeyOf(table.Schema, table.Name));
                table.Rename(table.Schema, rename.NewName);
                AddTable(table);
                break;
            case SpRenameKind.Column:
                Replace(table.Columns, rename.Member!, rename.NewName);
                Replace(table.PrimaryKey, rename.Member!, rename.NewName);
                for (var i = 0; i < table.Indexes.Count; i++)
                {
                    var columns = table.Indexes[i].Columns.ToList();
                    Replace(columns, rename.Member!, rename.NewName);
                    table.Indexes[i] = table.Indexes[i] with { Columns = columns };
                }

                break;
            case SpRenameKind.Index:
                for (var i = 0; i < table.Indexes.Count; i++)
                {
                    if (string.Equals(table.Indexes[i].Name, rename.Member, StringComparison.OrdinalIgnoreCase))
                    {
                        table.Indexes[i] = table.Indexes[i] with { Name = rename.NewName };
                    }
                }

                break;
            default:
                break;
        }
    }

    private static void Replace(List<string> names, string oldName, string newName)
    {
        var at = names.FindIndex(n => string.Equals(n, oldName, StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            names[at] = newName;
        }
    }
}
