using Audit.Sql.Tests.Schema;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Audit.Sql.Tests.Resolution;

/// <summary>
/// Checks that every table and column a T-SQL script names exists: tables against the schema model (plus temp
/// tables, table variables and CTEs the script defines), columns against the tables in scope of their query.
/// DDL in the script is applied to a private copy of the model as it goes, so a migration may use what it created.
/// </summary>
public sealed class TSqlNameResolver
{
    private static readonly IReadOnlyList<string> OpenJsonDefaultColumns = ["key", "value", "type"];

    private readonly SchemaModel _schema;
    private readonly List<NameProblem> _problems = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _tableVariables = new(StringComparer.OrdinalIgnoreCase);

    // Set while the body of a DML trigger is resolved: the inserted and deleted pseudo tables.
    private IReadOnlyList<string>? _triggerColumns;

    private TSqlNameResolver(SchemaModel schema)
    {
        _schema = schema.Clone();
    }

    /// <summary>The schema as the script leaves it (including temp tables it created).</summary>
    public SchemaModel Schema => _schema;

    public IReadOnlyList<NameProblem> Problems => _problems;

    public static TSqlNameResolver Resolve(TSqlScript script, SchemaModel schema)
    {
        var resolver = new TSqlNameResolver(schema);
        foreach (var statement in script.Batches.SelectMany(b => b.Statements))
        {
            resolver.ResolveStatement(statement);
        }

        return resolver;
    }

    /// <summary>Parses and resolves; parse errors come back as problems.</summary>
    public static IReadOnlyList<NameProblem> Resolve(string sql, SchemaModel schema)
    {
        var script = TSqlScripts.Parse(sql, out var errors);
        return errors.Count > 0
            ? [.. errors.Select(e => new NameProblem(e.Line, e.Column, "parse error: " + e.Message))]
            : Resolve(script, schema).Problems;
    }

    private void Report(TSqlFragment at, string message)
    {
        var problem = new NameProblem(at.StartLine, at.StartColumn, message);
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }
    }

    private static string Dotted(SchemaObjectName name) => string.Join('.', name.Identifiers.Select(i => i.Value));

    private static string Dotted(IEnumerable<Identifier> identifiers) => string.Join('.', identifiers.Select(i => i.Value));

    // ---- statements -------------------------------------------------------------------------------------------

    private void ResolveStatements(IEnumerable<TSqlStatement>? statements)
    {
        foreach (var statement in statements ?? [])
        {
            ResolveStatement(statement);
        }
    }

    private void ResolveStatement(TSqlStatement? statement)
    {
        switch (statement)
        {
            case null:
                break;
            case SelectStatement select:
                ResolveSelect(select, RootScope(select.WithCtesAndXmlNamespaces));
                break;
            case InsertStatement insert:
                ResolveInsert(insert.InsertSpecification, RootScope(insert.WithCtesAndXmlNamespaces));
                break;
            case UpdateStatement update:
                ResolveUpdate(update.UpdateSpecification, RootScope(update.WithCtesAndXmlNamespaces));
                break;
            case DeleteStatement delete:
                ResolveDelete(delete.DeleteSpecification, RootScope(delete.WithCtesAndXmlNamespaces));
                break;
            case MergeStatement merge:
                ResolveMerge(merge.MergeSpecification, RootScope(merge.WithCtesAndXmlNamespaces));
                break;
            case CreateTableStatement create:
                ResolveCreateTable(create);
                break;
            case AlterTableAddTableElementStatement add:
                if (RequireTable(add.SchemaObjectName, add) is { } addTarget)
                {
                    _schema.Apply(add);
                    CheckDefinition(addTarget, add.Definition);
                }

                break;
            case AlterTableDropTableElementStatement drop:
                if (RequireTable(drop.SchemaObjectName, drop) is { } dropTarget)
                {
                    foreach (var element in drop.AlterTableDropTableElements)
                    {
                        if (element.TableElementType == TableElementType.Column && !element.IsIfExists && !dropTarget.HasColumn(element.Name.Value))
                        {
                            Report(element.Name, $"unknown column {dropTarget.Name}.{element.Name.Value}");
                        }
                    }

                    _schema.Apply(drop);
                }

                break;
            case AlterTableAlterColumnStatement alter:
                if (RequireTable(alter.SchemaObjectName, alter) is { } alterTarget && !alterTarget.HasColumn(alter.ColumnIdentifier.Value))
                {
                    Report(alter.ColumnIdentifier, $"unknown column {alterTarget.Name}.{alter.ColumnIdentifier.Value}");
                }

                break;
            case CreateIndexStatement index:
                if (RequireTable(index.OnName, index) is { } indexTarget)
                {
                    CheckColumns(indexTarget, index.Columns.Select(c => c.Column));
                    CheckColumns(indexTarget, index.IncludeColumns);
                    ResolveExpression(index.FilterPredicate, TableScope(indexTarget));
                    _schema.Apply(index);
                }

                break;
            case DropTableStatement dropTable:
                foreach (var name in dropTable.Objects.Where(_ => !dropTable.IsIfExists))
                {
                    RequireTable(name, name);
                }

                _schema.Apply(dropTable);
                break;
            case DropIndexStatement dropIndex:
                _schema.Apply(dropIndex);
                break;
            case TruncateTableStatement truncate:
                RequireTable(truncate.TableName, truncate);
                break;
            case ExecuteStatement execute when SpRename.TryRead(execute, out var rename):
                ResolveRename(rename, execute);
                break;
            case CreateTriggerStatement trigger:
                ResolveTrigger(trigger);
                break;
            case ProcedureStatementBodyBase body:
                ResolveStatements(body.StatementList?.Statements);
                break;
            case ViewStatementBody view:
                ResolveSelect(view.SelectStatement, RootScope(view.SelectStatement.WithCtesAndXmlNamespaces));
                break;
            case DeclareTableVariableStatement tableVariable:
                _tableVariables[tableVariable.Body.VariableName.Value] =
                    [.. tableVariable.Body.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)];
                break;
            case DeclareVariableStatement declare:
                foreach (var element in declare.Declarations)
                {
                    ResolveExpression(element.Value, new Scope(null));
                }

                break;
            case SetVariableStatement set:
                ResolveExpression(set.Expression, new Scope(null));
                break;
            case IfStatement ifStatement:
                ResolveExpression(ifStatement.Predicate, new Scope(null));
                ResolveStatement(ifStatement.ThenStatement);
                ResolveStatement(ifStatement.ElseStatement);
                break;
            case WhileStatement whileStatement:
                ResolveExpression(whileStatement.Predicate, new Scope(null));
                ResolveStatement(whileStatement.Statement);
                break;
            case BeginEndBlockStatement block:
                ResolveStatements(block.StatementList.Statements);
                break;
            case TryCatchStatement tryCatch:
                ResolveStatements(tryCatch.TryStatements.Statements);
                ResolveStatements(tryCatch.CatchStatements.Statements);
                break;
            case ReturnStatement returnStatement:
                ResolveExpression(returnStatement.Expression, new Scope(null));
                break;
            default:
                // Transactions, THROW, PRINT, SET options, EXEC of procedures...: nothing to resolve.
                _schema.Apply(statement);
                break;
        }
    }

    private Scope RootScope(WithCtesAndXmlNamespaces? with)
    {
        var root = new Scope(null);
        foreach (var cte in with?.CommonTableExpressions ?? [])
        {
            var name = cte.ExpressionName.Value;
            IReadOnlyList<string>? declared = cte.Columns.Count > 0 ? [.. cte.Columns.Select(c => c.Value)] : null;

            // A recursive member sees the CTE itself: give it the declared or the anchor's column names first.
            root.Ctes[name] = declared ?? AnchorColumnNames(cte.QueryExpression);
            var output = ResolveQuery(cte.QueryExpression, root);
            root.Ctes[name] = declared ?? output;
        }

        return root;
    }

    private void ResolveSelect(SelectStatement select, Scope root)
    {
        var output = ResolveQuery(select.QueryExpression, root);
        if (select.Into is { } into)
        {
            var table = new TableModel(into.SchemaIdentifier?.Value ?? "dbo", into.BaseIdentifier.Value) { IsShapeKnown = output is not null };
            table.Columns.AddRange(output ?? []);
            _schema.AddTable(table);
        }
    }

    private void ResolveInsert(InsertSpecification insert, Scope root)
    {
        var target = TargetSource(insert.Target, root, alias: null);
        foreach (var column in insert.Columns)
        {
            CheckTargetColumn(target, column);
        }

        switch (insert.InsertSource)
        {
            case ValuesInsertSource values:
                foreach (var row in values.RowValues)
                {
                    foreach (var value in row.ColumnValues)
                    {
                        ResolveExpression(value, root);
                    }
                }

                break;
            case SelectInsertSource select:
                ResolveQuery(select.Select, root);
                break;
            default:
                break;
        }

        ResolveOutput(insert, new Scope(root), target);
    }

    private void ResolveUpdate(UpdateSpecification update, Scope root)
    {
        var local = new Scope(root);
        var target = UpdateOrDeleteTarget(update, local);
        foreach (var clause in update.SetClauses)
        {
            switch (clause)
            {
                case AssignmentSetClause assignment:
                    if (assignment.Column is { } column)
                    {
                        if (column.MultiPartIdentifier.Count > 1)
                        {
                            ResolveColumn(column, local);
                        }
                        else
                        {
                            CheckTargetColumn(target, column);
                        }
                    }

                    ResolveExpression(assignment.NewValue, local);
                    break;
                default:
                    ResolveExpression(clause, local);
                    break;
            }
        }

        ResolveExpression(update.WhereClause, local);
        ResolveExpression(update.TopRowFilter, root);
        ResolveOutput(update, local, target);
    }

    private void ResolveDelete(DeleteSpecification delete, Scope root)
    {
        var local = new Scope(root);
        var target = UpdateOrDeleteTarget(delete, local);
        ResolveExpression(delete.WhereClause, local);
        ResolveExpression(delete.TopRowFilter, root);
        ResolveOutput(delete, local, target);
    }

    /// <summary>
    /// The target of UPDATE/DELETE: with a FROM clause it may name one of the FROM's aliases; otherwise it is the
    /// only table in scope.
    /// </summary>
    private Source UpdateOrDeleteTarget(UpdateDeleteSpecificationBase specification, Scope local)
    {
        foreach (var reference in specification.FromClause?.TableReferences ?? [])
        {
            AddTableReference(reference, local, lateral: false);
        }

        if (specification.Target is NamedTableReference { SchemaObject.Identifiers.Count: 1 } named
            && local.Sources.FirstOrDefault(s => s.IsNamed(named.SchemaObject.BaseIdentifier.Value)) is { } fromSource)
        {
            return fromSource;
        }

        var target = TargetSource(specification.Target, local, alias: null);
        if (!local.Sources.Any(s => string.Equals(s.ObjectKey, target.ObjectKey, StringComparison.OrdinalIgnoreCase)))
        {
            local.Sources.Add(target);
        }

        return target;
    }

    private void ResolveMerge(MergeSpecification merge, Scope root)
    {
        var sourceOnly = new Scope(root);
        AddTableReference(merge.TableReference, sourceOnly, lateral: false);
        var target = TargetSource(merge.Target, root, merge.TableAlias?.Value ?? (merge.Target as TableReferenceWithAlias)?.Alias?.Value);
        var local = new Scope(root);
        local.Sources.Add(target);
        local.Sources.AddRange(sourceOnly.Sources);
        ResolveExpression(merge.SearchCondition, local);
        foreach (var clause in merge.ActionClauses)
        {
            ResolveExpression(clause.SearchCondition, local);
            switch (clause.Action)
            {
                case UpdateMergeAction update:
                    foreach (var set in update.SetClauses)
                    {
                        if (set is AssignmentSetClause { Column: { } column } assignment)
                        {
                            if (column.MultiPartIdentifier.Count > 1)
                            {
                                ResolveColumn(column, local);
                            }
                            else
                            {
                                CheckTargetColumn(target, column);
                            }

                            ResolveExpression(assignment.NewValue, local);
                        }
                        else
                        {
                            ResolveExpression(set, local);
                        }
                    }

                    break;
                case InsertMergeAction insert:
                    foreach (var column in insert.Columns)
                    {
                        CheckTargetColumn(target, column);
                    }

                    // WHEN NOT MATCHED [BY TARGET] has no target row: its values may use the source only.
                    foreach (var value in (insert.Source?.RowValues ?? []).SelectMany(r => r.ColumnValues))
                    {
                        ResolveExpression(value, sourceOnly);
                    }

                    break;
                default:
                    break;
            }
        }

        ResolveOutput(merge, local, target);
    }

    private void ResolveOutput(DataModificationSpecification specification, Scope local, Source target)
    {
        var output = new Scope(local);
        if (target.Columns is { } columns)
        {
            output.Sources.Add(new Source("inserted", null, columns));
            output.Sources.Add(new Source("deleted", null, columns));
        }
        else
        {
            output.Sources.Add(new Source("inserted", null, null));
            output.Sources.Add(new Source("deleted", null, null));
        }

        foreach (var element in specification.OutputClause?.SelectColumns ?? [])
        {
            ResolveSelectElement(element, output);
        }

        if (specification.OutputIntoClause is { } into)
        {
            foreach (var element in into.SelectColumns)
            {
                ResolveSelectElement(element, output);
            }

            var intoTarget = TargetSource(into.IntoTable, local, alias: null);
            foreach (var column in into.IntoTableColumns)
            {
                CheckTargetColumn(intoTarget, column);
            }
        }
    }

    private void ResolveCreateTable(CreateTableStatement create)
    {
        _schema.Apply(create);
        if (_schema.Find(create.SchemaObjectName) is { } table)
        {
            CheckDefinition(table, create.Definition);
        }
    }

    /// <summary>Constraint, index and computed-column references of a CREATE/ALTER TABLE, against the table.</summary>
    private void CheckDefinition(TableModel table, TableDefinition? definition)
    {
        if (definition is null)
        {
            return;
        }

        var scope = TableScope(table);
        foreach (var column in definition.ColumnDefinitions)
        {
            ResolveExpression(column.ComputedColumnExpression, scope);
            foreach (var constraint in column.Constraints)
            {
                CheckConstraint(table, constraint, scope);
            }
        }

        foreach (var constraint in definition.TableConstraints)
        {
            CheckConstraint(table, constraint, scope);
        }

        foreach (var index in definition.Indexes)
        {
            CheckColumns(table, index.Columns.Select(c => c.Column));
            CheckColumns(table, index.IncludeColumns);
        }
    }

    private void CheckConstraint(TableModel table, ConstraintDefinition constraint, Scope scope)
    {
        switch (constraint)
        {
            case UniqueConstraintDefinition unique:
                CheckColumns(table, unique.Columns.Select(c => c.Column));
                break;
            case ForeignKeyConstraintDefinition foreignKey:
                foreach (var column in foreignKey.Columns.Where(c => !table.HasColumn(c.Value)))
                {
                    Report(column, $"unknown column {table.Name}.{column.Value}");
                }

                if (RequireTable(foreignKey.ReferenceTableName, foreignKey.ReferenceTableName) is { } referenced)
                {
                    foreach (var column in foreignKey.ReferencedTableColumns.Where(c => !referenced.HasColumn(c.Value)))
                    {
                        Report(column, $"unknown column {referenced.Name}.{column.Value}");
                    }
                }

                break;
            case CheckConstraintDefinition check:
                ResolveExpression(check.CheckCondition, scope);
                break;
            default:
                break;
        }
    }

    private void CheckColumns(TableModel table, IEnumerable<ColumnReferenceExpression> columns)
    {
        foreach (var column in columns.Where(c => table.IsShapeKnown && !table.HasColumn(SchemaModel.ColumnName(c))))
        {
            Report(column, $"unknown column {table.Name}.{SchemaModel.ColumnName(column)}");
        }
    }

    private void ResolveRename(SpRename rename, ExecuteStatement at)
    {
        if (_schema.Find(rename.Schema, rename.Table) is not { } table)
        {
            Report(at, $"unknown table {SchemaModel.KeyOf(rename.Schema, rename.Table)}");
            return;
        }

        if (rename.Kind == SpRenameKind.Column && !table.HasColumn(rename.Member!))
        {
            Report(at, $"unknown column {table.Name}.{rename.Member}");
        }

        _schema.Apply(at);
    }

    private void ResolveTrigger(CreateTriggerStatement trigger)
    {
        if (RequireTable(trigger.TriggerObject.Name, trigger.TriggerObject.Name) is { } table)
        {
            _triggerColumns = table.Columns;
        }

        try
        {
            ResolveStatements(trigger.StatementList?.Statements);
        }
        finally
        {
            _triggerColumns = null;
        }

        _schema.Apply(trigger);
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    /// <summary>Resolves a query in a scope whose parent is <paramref name="outer"/>; returns its output column names (null when unknown).</summary>
    private IReadOnlyList<string>? ResolveQuery(QueryExpression? query, Scope outer)
    {
        switch (query)
        {
            case QuerySpecification specification:
                return ResolveSpecification(specification, outer);
            case BinaryQueryExpression binary:
                var first = ResolveQuery(binary.FirstQueryExpression, outer);
                ResolveQuery(binary.SecondQueryExpression, outer);
                ResolveOrderBy(binary, outer, first);
                return first;
            case QueryParenthesisExpression parenthesis:
                var inner = ResolveQuery(parenthesis.QueryExpression, outer);
                ResolveOrderBy(parenthesis, outer, inner);
                return inner;
            default:
                return null;
        }
    }

    private IReadOnlyList<string>? ResolveSpecification(QuerySpecification query, Scope outer)
    {
        var local = new Scope(outer);
        foreach (var reference in query.FromClause?.TableReferences ?? [])
        {
            AddTableReference(reference, local, lateral: false);
        }

        ResolveExpression(query.TopRowFilter, outer);
        ResolveExpression(query.WhereClause, local);
        ResolveExpression(query.GroupByClause, local);
        ResolveExpression(query.HavingClause, local);
        var output = new List<string>();
        var known = true;
        foreach (var element in query.SelectElements)
        {
            ResolveSelectElement(element, local);
            switch (element)
            {
                case SelectScalarExpression scalar when OutputName(scalar) is { } name:
                    output.Add(name);
                    break;
                case SelectStarExpression star when StarColumns(star, local) is { } columns:
                    output.AddRange(columns);
                    break;
                case SelectStarExpression:
                    known = false;
                    break;
                default:
                    break;
            }
        }

        ResolveOrderBy(query, local, output);
        return known ? output : null;
    }

    private void ResolveOrderBy(QueryExpression query, Scope scope, IReadOnlyList<string>? selectNames)
    {
        if (query.OrderByClause is null && query.OffsetClause is null)
        {
            return;
        }

        // ORDER BY may name the select list's aliases as well as the FROM's columns.
        var orderScope = new Scope(scope) { SelectAliases = selectNames };
        ResolveExpression(query.OrderByClause, orderScope);
        ResolveExpression(query.OffsetClause, scope.Parent ?? scope);
    }

    private void ResolveSelectElement(SelectElement element, Scope scope)
    {
        switch (element)
        {
            case SelectStarExpression { Qualifier: { } qualifier } star:
                if (FindSource(scope, qualifier.Identifiers) is null)
                {
                    Report(star, $"unknown table {Dotted(qualifier.Identifiers)}");
                }

                break;
            case SelectStarExpression:
                break;
            default:
                ResolveExpression(element, scope);
                break;
        }
    }

    private static string? OutputName(SelectScalarExpression scalar) =>
        scalar.ColumnName?.Value ?? (scalar.Expression as ColumnReferenceExpression)?.MultiPartIdentifier?.Identifiers[^1].Value;

    private static IReadOnlyList<string>? StarColumns(SelectStarExpression star, Scope scope)
    {
        var sources = star.Qualifier is { } qualifier
            ? FindSource(scope, qualifier.Identifiers) is { } one ? [one] : []
            : scope.Sources;
        return sources.Any(s => s.Columns is null) ? null : [.. sources.SelectMany(s => s.Columns!)];
    }

    /// <summary>Output names of a recursive CTE's anchor, read without resolving it.</summary>
    private static IReadOnlyList<string>? AnchorColumnNames(QueryExpression query) => query switch
    {
        QuerySpecification specification when specification.SelectElements.All(e => e is SelectScalarExpression) =>
            [.. specification.SelectElements.OfType<SelectScalarExpression>().Select(OutputName).OfType<string>()],
        BinaryQueryExpression binary => AnchorColumnNames(binary.FirstQueryExpression),
        QueryParenthesisExpression parenthesis => AnchorColumnNames(parenthesis.QueryExpression),
        _ => null,
    };

    // ---- FROM -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Adds what a FROM item exposes to <paramref name="scope"/>. A derived table sees the enclosing query's outer
    /// scope; with <paramref name="lateral"/> (the right side of APPLY) it also sees the items before it.
    /// </summary>
    private void AddTableReference(TableReference reference, Scope scope, bool lateral)
    {
        var derivedParent = lateral ? scope : scope.Parent ?? new Scope(null);
        switch (reference)
        {
            case QualifiedJoin join:
                AddTableReference(join.FirstTableReference, scope, lateral);
                AddTableReference(join.SecondTableReference, scope, lateral);
                ResolveExpression(join.SearchCondition, scope);
                break;
            case UnqualifiedJoin join:
                AddTableReference(join.FirstTableReference, scope, lateral);
                var apply = join.UnqualifiedJoinType is UnqualifiedJoinType.CrossApply or UnqualifiedJoinType.OuterApply;
                AddTableReference(join.SecondTableReference, scope, apply || lateral);
                break;
            case JoinParenthesisTableReference parenthesis:
                AddTableReference(parenthesis.Join, scope, lateral);
                break;
            case NamedTableReference named:
                scope.Sources.Add(NamedSource(named, scope, named.Alias?.Value));
                break;
            case VariableTableReference variable:
                scope.Sources.Add(VariableSource(variable, variable.Alias?.Value));
                break;
            case QueryDerivedTable derived:
                var output = ResolveQuery(derived.QueryExpression, derivedParent);
                scope.Sources.Add(new Source(derived.Alias?.Value, null, DeclaredColumns(derived) ?? output));
                break;
            case InlineDerivedTable values:
                foreach (var value in values.RowValues.SelectMany(r => r.ColumnValues))
                {
                    ResolveExpression(value, derivedParent);
                }

                scope.Sources.Add(new Source(values.Alias?.Value, null, DeclaredColumns(values)));
                break;
            case GlobalFunctionTableReference function:
                foreach (var parameter in function.Parameters)
                {
                    ResolveExpression(parameter, scope);
                }

                IReadOnlyList<string>? functionColumns = function.Name.Value.ToUpperInvariant() switch
                {
                    "STRING_SPLIT" => ["value", "ordinal"],
                    "GENERATE_SERIES" => ["value"],
                    _ => null,
                };
                scope.Sources.Add(new Source(function.Alias?.Value, null, functionColumns));
                break;
            case SchemaObjectFunctionTableReference function:
                foreach (var parameter in function.Parameters)
                {
                    ResolveExpression(parameter, scope);
                }

                scope.Sources.Add(new Source(function.Alias?.Value, null, DeclaredColumns(function)));
                break;
            case OpenJsonTableReference json:
                ResolveExpression(json.Variable, scope);
                IReadOnlyList<string> jsonColumns = json.SchemaDeclarationItems.Count > 0
                    ? [.. json.SchemaDeclarationItems.Select(i => i.ColumnDefinition.ColumnIdentifier.Value)]
                    : OpenJsonDefaultColumns;
                scope.Sources.Add(new Source(json.Alias?.Value, null, jsonColumns));
                break;
            case TableReferenceWithAlias other:
                // PIVOT, OPENROWSET, full-text and the rest: exposed, but their columns are not checked.
                scope.Sources.Add(new Source(other.Alias?.Value, null, null));
                break;
            default:
                break;
        }
    }

    private static IReadOnlyList<string>? DeclaredColumns(TableReferenceWithAliasAndColumns reference) =>
        reference.Columns.Count > 0 ? [.. reference.Columns.Select(c => c.Value)] : null;

    /// <summary>The table an INSERT/UPDATE/DELETE/MERGE writes to, or an OUTPUT INTO names.</summary>
    private Source TargetSource(TableReference? reference, Scope scope, string? alias) => reference switch
    {
        NamedTableReference named => NamedSource(named, scope, alias ?? named.Alias?.Value),
        VariableTableReference variable => VariableSource(variable, alias ?? variable.Alias?.Value),
        _ => new Source(alias, null, null),
    };

    private Source NamedSource(NamedTableReference named, Scope scope, string? alias)
    {
        var name = named.SchemaObject;
        var baseName = name.BaseIdentifier.Value;
        if (name.Identifiers.Count == 1)
        {
            if (scope.FindCte(baseName, out var cteColumns))
            {
                return new Source(alias ?? baseName, null, cteColumns);
            }

            var pseudo = string.Equals(baseName, "inserted", StringComparison.OrdinalIgnoreCase)
                || string.Equals(baseName, "deleted", StringComparison.OrdinalIgnoreCase);
            if (pseudo && _triggerColumns is not null)
            {
                return new Source(alias ?? baseName, null, _triggerColumns);
            }
        }

        if (_schema.Find(name) is { } table)
        {
            return new Source(alias ?? table.Name, SchemaModel.KeyOf(table.Schema, table.Name), table.IsShapeKnown ? table.Columns : null);
        }

        Report(named, $"unknown table {Dotted(name)}");
        return new Source(alias ?? baseName, SchemaModel.KeyOf(name), null);
    }

    private Source VariableSource(VariableTableReference variable, string? alias)
    {
        var name = variable.Variable.Name;
        if (_tableVariables.TryGetValue(name, out var columns))
        {
            return new Source(alias ?? name, name, columns);
        }

        Report(variable, $"unknown table variable {name}");
        return new Source(alias ?? name, name, null);
    }

    private TableModel? RequireTable(SchemaObjectName name, TSqlFragment at)
    {
        var table = _schema.Find(name);
        if (table is null)
        {
            Report(at, $"unknown table {Dotted(name)}");
        }

        return table;
    }

    private static Scope TableScope(TableModel table)
    {
        var scope = new Scope(null);
        scope.Sources.Add(new Source(table.Name, SchemaModel.KeyOf(table.Schema, table.Name), table.Columns));
        return scope;
    }

    private void CheckTargetColumn(Source target, ColumnReferenceExpression column)
    {
        var name = SchemaModel.ColumnName(column);
        if (target.Columns is { } columns && !columns.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            Report(column, $"unknown column {target.DisplayName}.{name}");
        }
    }

    // ---- columns ----------------------------------------------------------------------------------------------

    private void ResolveExpression(TSqlFragment? fragment, Scope scope) => fragment?.Accept(new ExpressionVisitor(this, scope));

    private void ResolveColumn(ColumnReferenceExpression column, Scope scope)
    {
        // $action, $IDENTITY, COUNT(*) and the like are not names of columns.
        if (column.ColumnType != ColumnType.Regular || column.MultiPartIdentifier is null)
        {
            return;
        }

        var identifiers = column.MultiPartIdentifier.Identifiers;
        var name = identifiers[^1].Value;
        if (identifiers.Count == 1)
        {
            for (var s = scope; s is not null; s = s.Parent)
            {
                if (s.SelectAliases?.Contains(name, StringComparer.OrdinalIgnoreCase) == true
                    || s.Sources.Any(source => source.Has(name)))
                {
                    return;
                }
            }

            Report(column, $"unknown column {name}");
            return;
        }

        var qualifier = identifiers.Take(identifiers.Count - 1).ToList();
        var source = FindSource(scope, qualifier);
        if (source is null || !source.Has(name))
        {
            Report(column, $"unknown column {Dotted(qualifier)}.{name}");
        }
    }

    private static Source? FindSource(Scope scope, IList<Identifier> qualifier)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Sources.FirstOrDefault(source => source.Matches(qualifier)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private sealed class ExpressionVisitor(TSqlNameResolver owner, Scope scope) : TSqlFragmentVisitor
    {
        public override void ExplicitVisit(ColumnReferenceExpression node) => owner.ResolveColumn(node, scope);

        // A subquery gets its own scope; names it cannot resolve fall back to this one (correlation).
        public override void ExplicitVisit(ScalarSubquery node) => owner.ResolveQuery(node.QueryExpression, scope);
    }

    /// <summary>One FROM item as a query sees it. Null columns mean "not known": every name is accepted.</summary>
    private sealed class Source(string? exposedName, string? objectKey, IReadOnlyList<string>? columns)
    {
        public string? ExposedName { get; } = exposedName;

        public string? ObjectKey { get; } = objectKey;

        public IReadOnlyList<string>? Columns { get; } = columns;

        public string DisplayName => ExposedName ?? ObjectKey ?? "?";

        public bool Has(string column) => Columns is null || Columns.Contains(column, StringComparer.OrdinalIgnoreCase);

        public bool IsNamed(string name) => string.Equals(ExposedName, name, StringComparison.OrdinalIgnoreCase);

        public bool Matches(IList<Identifier> qualifier) => qualifier.Count switch
        {
            1 => IsNamed(qualifier[0].Value),

            // schema.table.column, or database.schema.table.column: only a table without an alias.
            _ => ObjectKey is not null
                && string.Equals(ExposedName, qualifier[^1].Value, StringComparison.OrdinalIgnoreCase)
                && string.Equals(ObjectKey, SchemaModel.KeyOf(qualifier[^2].Value, qualifier[^1].Value), StringComparison.OrdinalIgnoreCase),
        };
    }

    private sealed class Scope(Scope? parent)
    {
        public Scope? Parent { get; } = parent;

        public List<Source> Sources { get; } = [];

        public Dictionary<string, IReadOnlyList<string>?> Ctes { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<string>? SelectAliases { get; init; }

        public bool FindCte(string name, out IReadOnlyList<string>? columns)
        {
            for (var s = this; s is not null; s = s.Parent)
            {
                if (s.Ctes.TryGetValue(name, out columns))
                {
                    return true;
                }
            }

            columns = null;
            return false;
        }
    }
}
