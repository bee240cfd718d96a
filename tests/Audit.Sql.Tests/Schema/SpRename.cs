using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Audit.Sql.Tests.Schema;

public enum SpRenameKind
{
    Table,
    Column,
    Index,
}

/// <summary>
/// An <c>EXEC sp_rename 'dbo.Table[.Member]', 'NewName'[, 'COLUMN' | 'INDEX']</c> call, read from literals only.
/// </summary>
public sealed record SpRename(string? Schema, string Table, string? Member, string NewName, SpRenameKind Kind)
{
    public static bool TryRead(ExecuteStatement statement, out SpRename rename)
    {
        rename = null!;
        if (statement.ExecuteSpecification.ExecutableEntity is not ExecutableProcedureReference procedure
            || procedure.ProcedureReference?.ProcedureReference?.Name.BaseIdentifier.Value is not { } name
            || !string.Equals(name, "sp_rename", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var values = procedure.Parameters.Select(p => (p.ParameterValue as StringLiteral)?.Value).ToList();
        if (values.Count < 2 || values[0] is not { } oldName || values[1] is not { } newName)
        {
            return false;
        }

        var kind = values.Count > 2 && values[2] is { } type
            ? type.ToUpperInvariant() switch
            {
                "COLUMN" => SpRenameKind.Column,
                "INDEX" => SpRenameKind.Index,
                _ => SpRenameKind.Table,
            }
            : SpRenameKind.Table;
        var parts = oldName.Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        rename = (kind, parts.Length) switch
        {
            (SpRenameKind.Table, 1) => new SpRename(null, parts[0], null, newName, kind),
            (SpRenameKind.Table, _) => new SpRename(parts[^2], parts[^1], null, newName, kind),
            (_, 2) => new SpRename(null, parts[0], parts[1], newName, kind),
            (_, >= 3) => new SpRename(parts[^3], parts[^2], parts[^1], newName, kind),
            _ => null!,
        };
        return rename is not null;
    }
}
