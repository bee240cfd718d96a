using System.Collections.Frozen;

namespace Audit.Service.Ingest;

/// <summary>
/// What one importable entity looks like: file fields, natural key, the database table and its stage
/// columns, which references it checks, and how a parsed row becomes a database row.
/// </summary>
public sealed class ImportSpec
{
    public required string Kind { get; init; }

    public required string Table { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<FieldSpec> Fields { get; init; }

    /// <summary>Fields whose values identify a row; a second row with the same key is a duplicate.</summary>
    public required IReadOnlyList<string> KeyFields { get; init; }

    /// <summary>
    /// Table columns holding <see cref="KeyFields"/>, for entities whose id is free text chosen by the source
    /// system. Ids are case-sensitive, but SQL Server's default collation compares keys without case, so an id
    /// that differs from a stored one only by case is refused on both databases rather than merged on one.
    /// </summary>
    public IReadOnlyList<string>? KeyColumns { get; init; }

    /// <summary>Stage table columns, in the order <see cref="Map"/> returns values.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    public ReferenceKinds References { get; init; }

    /// <summary>
    /// Cross-field and reference checks, then the values for <see cref="Columns"/>; null when the row is invalid.
    /// Called only for rows whose fields all parsed, so it may read every required field.
    /// </summary>
    public required Func<ParsedRow, ReferenceData, object?[]?> Map { get; init; }

    private FrozenDictionary<string, int>? _index;

    /// <summary>Position of a field; looked up for every value of every row, hence the frozen dictionary.</summary>
    public int IndexOf(string field)
    {
        _index ??= Fields.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal).ToFrozenDictionary(StringComparer.Ordinal);
        return _index.TryGetValue(field, out var index) ? index : throw new ArgumentException($"{Kind} has no field '{field}'.", nameof(field));
    }
}

/// <summary>A record after each field was parsed; problems are reported against the row and field.</summary>
public sealed class ParsedRow
{
    private readonly ImportSpec _spec;
    private readonly ImportErrorList _errors;
    private readonly object?[] _values;

    public ParsedRow(ImportSpec spec, ImportErrorList errors, long row, object?[] values, bool fieldsValid)
    {
        _spec = spec;
        _errors = errors;
        Row = row;
        _values = values;
        IsValid = fieldsValid;
    }

    public long Row { get; }

    public bool IsValid { get; private set; }

    public T Get<T>(string field) => (T)_values[_spec.IndexOf(field)]!;

    public T? Optional<T>(string field)
        where T : struct => _values[_spec.IndexOf(field)] is T value ? value : null;

    public string? OptionalText(string field) => _values[_spec.IndexOf(field)] as string;

    public bool Has(string field) => _values[_spec.IndexOf(field)] is not null;

    public void Fail(string field, string message)
    {
        IsValid = false;
        _errors.Add(Row, field, message);
    }

    /// <summary>Checks a reference; reports "unknown X 'id'" against the field when it is missing.</summary>
    public void Require(string field, Func<string, bool> exists, string what)
    {
        if (OptionalText(field) is { } key && !exists(key))
        {
            Fail(field, $"unknown {what} '{key}'");
        }
    }

    public void RequireOrder<T>(string fromField, string toField)
        where T : struct, IComparable<T>
    {
        if (Optional<T>(fromField) is { } from && Optional<T>(toField) is { } to && to.CompareTo(from) < 0)
        {
            Fail(toField, $"{toField} {Format(to)} is before {fromField} {Format(from)}");
        }
    }

    private static string Format(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
