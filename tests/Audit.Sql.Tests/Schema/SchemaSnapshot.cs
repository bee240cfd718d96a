using System.Collections.Immutable;

namespace Audit.Sql.Tests.Schema;

public sealed record IndexSnapshot(string Name, IReadOnlyList<string> Columns, bool IsUnique)
{
    public override string ToString() => $"{(IsUnique ? "UNIQUE " : string.Empty)}{Name} ({string.Join(", ", Columns)})";
}

/// <summary>
/// A table as both dialects must agree on it: column names (any order), primary-key columns (in key order),
/// named indexes, and the column lists of UNIQUE constraints (SQLite does not keep their names).
/// </summary>
public sealed record TableSnapshot(
    string Name,
    IReadOnlySet<string> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyDictionary<string, IndexSnapshot> Indexes,
    IReadOnlySet<string> UniqueConstraints);

/// <summary>The dialect-neutral shape of a migrated database. Names compare case-sensitively.</summary>
public sealed record SchemaSnapshot(IReadOnlyDictionary<string, TableSnapshot> Tables, IReadOnlySet<string> Triggers)
{
    public static SchemaSnapshot FromModel(SchemaModel model)
    {
        var tables = model.Tables
            .Where(t => !t.IsTemporary)
            .Select(t => new TableSnapshot(
                t.Schema == "dbo" ? t.Name : t.Schema + "." + t.Name,
                t.Columns.ToImmutableHashSet(StringComparer.Ordinal),
                [.. t.PrimaryKey],
                t.Indexes.ToImmutableDictionary(i => i.Name, i => new IndexSnapshot(i.Name, i.Columns, i.IsUnique), StringComparer.Ordinal),
                t.Constraints.Where(c => c.Kind == "UNIQUE").Select(c => string.Join(", ", c.Columns)).ToImmutableHashSet(StringComparer.Ordinal)))
            .ToImmutableDictionary(t => t.Name, StringComparer.Ordinal);
        return new SchemaSnapshot(tables, model.Triggers.ToImmutableHashSet(StringComparer.Ordinal));
    }

    /// <summary>Every difference between two snapshots, one line each; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(SchemaSnapshot left, string leftName, SchemaSnapshot right, string rightName)
    {
        var differences = new List<string>();
        void OnlyIn(IEnumerable<string> a, IEnumerable<string> b, Func<string, string> what)
        {
            differences.AddRange(a.Except(b, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => $"{what(n)}: only in {leftName}"));
            differences.AddRange(b.Except(a, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => $"{what(n)}: only in {rightName}"));
        }

        OnlyIn(left.Tables.Keys, right.Tables.Keys, n => $"table {n}");
        foreach (var name in left.Tables.Keys.Intersect(right.Tables.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (l, r) = (left.Tables[name], right.Tables[name]);
            OnlyIn(l.Columns, r.Columns, n => $"column {name}.{n}");
            if (!l.PrimaryKey.SequenceEqual(r.PrimaryKey, StringComparer.Ordinal))
            {
                differences.Add($"primary key of {name}: ({string.Join(", ", l.PrimaryKey)}) in {leftName}, ({string.Join(", ", r.PrimaryKey)}) in {rightName}");
            }

            OnlyIn(l.Indexes.Keys, r.Indexes.Keys, n => $"index {name}.{n}");
            foreach (var index in l.Indexes.Keys.Intersect(r.Indexes.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var (li, ri) = (l.Indexes[index], r.Indexes[index]);
                if (li.IsUnique != ri.IsUnique || !li.Columns.SequenceEqual(ri.Columns, StringComparer.Ordinal))
                {
                    differences.Add($"index {name}.{index}: {li} in {leftName}, {ri} in {rightName}");
                }
            }

            OnlyIn(l.UniqueConstraints, r.UniqueConstraints, n => $"unique constraint on {name} ({n})");
        }

        OnlyIn(left.Triggers, right.Triggers, n => $"trigger {n}");
        return differences;
    }
}
