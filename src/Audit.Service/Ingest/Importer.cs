using System.Globalization;
using System.Data.Common;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Ingest;

public sealed record ImportResult(string Kind, string File, long RowsRead, long RowsBefore, long RowsAfter)
{
    public long RowsAdded => RowsAfter - RowsBefore;
}

/// <summary>
/// Imports one CSV or JSON file of one entity, all or nothing: every row is parsed, checked and staged in
/// one transaction, and the transaction commits only if the whole file was clean. A rejected file lists
/// each problem as file:row:column.
/// </summary>
public sealed class Importer
{
    private readonly Database _database;
    private readonly AuditLog _auditLog;

    public Importer(Database database, AuditLog auditLog)
    {
        _database = database;
        _auditLog = auditLog;
    }

    /// <param name="actor">Who the audit entry names (default: the command line's user); written in the import's own transaction, once.</param>
    public async Task<ImportResult> ImportAsync(ImportSpec spec, string path, IProgress<long>? progress = null, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new ImportRejectedException(file, [new ImportError(file, 0, "-", "file not found")], 1);
        }

        var errors = new ImportErrorList(file);
        await using var connection = await _database.OpenAsync(cancellationToken);

        // Every reference is checked in memory against keys read inside this transaction, and the transaction
        // would fail to commit if another writer had changed them meanwhile; SQLite's per-row foreign-key
        // checks would repeat that work and cost a third of a large import.
        await _database.SuspendForeignKeyChecksAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await CountAsync(connection, transaction, spec.Table);
        var references = await ReferenceData.LoadAsync(connection, transaction, spec.References);
        var storedKeys = await StoredKeysAsync(connection, transaction, spec);

        long read = 0;
        var rows = Validate(spec, RecordSources.Read(path, spec.Fields, errors), references, storedKeys, errors, n =>
        {
            read = n;
            if ((n & 0x3FFF) == 0)
            {
                progress?.Report(n);
            }
        });
        await StageWriter.WriteAsync(_database, connection, transaction, spec.Table, spec.Columns, Prefetch.Ahead(rows), cancellationToken);

        if (errors.Any)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new ImportRejectedException(file, errors.Kept, errors.Total);
        }

        if (read == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            var empty = string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase)
                ? new ImportError(file, 1, "-", "no records: the JSON array is empty; expected at least one object")
                : new ImportError(file, 2, "-", "no records: the file has a header but no rows");
            throw new ImportRejectedException(file, [empty], 1);
        }

        var after = await CountAsync(connection, transaction, spec.Table);
        var by = actor ?? AuditActor.CommandLine;
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(by.Name, by.Role, AuditActions.Import, $"{spec.Kind} {file}",
            string.Create(CultureInfo.InvariantCulture, $"imported: {read} records, {after - before} new"), by.Request));
        await transaction.CommitAsync(cancellationToken);
        progress?.Report(read);
        return new ImportResult(spec.Kind, file, read, before, after);
    }

    /// <summary>
    /// Parses and checks each record, yielding database rows while the file is clean. After the first
    /// error it stops yielding but reads on, so the user sees every problem in one pass.
    /// </summary>
    private static IEnumerable<object?[]> Validate(
        ImportSpec spec,
        IEnumerable<SourceRecord> records,
        ReferenceData references,
        Dictionary<string, string>? storedKeys,
        ImportErrorList errors,
        Action<long> onRow)
    {
        var keyIndexes = spec.KeyFields.Select(spec.IndexOf).ToArray();

        // Keys are remembered as 64-bit fingerprints, not strings: a million-row file then needs ~16 MB for
        // this instead of ~100 MB. Two different keys share a fingerprint with odds of about 1 in 10^8 per file,
        // and the cost of that is a false "duplicate key" rejection, never a silent merge.
        var firstRowOfKey = new FirstRowByKey();
        long count = 0;
        foreach (var record in records)
        {
            count++;
            onRow(count);
            var values = new object?[spec.Fields.Count];
            var fieldsValid = true;
            for (var f = 0; f < spec.Fields.Count; f++)
            {
                if (!spec.Fields[f].TryParse(record.Values[f], out values[f], out var problem))
                {
                    errors.Add(record.Row, spec.Fields[f].Name, problem!);
                    fieldsValid = false;
                }
            }

            // Compared without case, as SQL Server compares keys: "W1" and "w1" in one file are one key twice.
            var text = keyIndexes.Length == 1 ? record.Values[keyIndexes[0]]?.Trim() ?? string.Empty : string.Join('\u001f', keyIndexes.Select(i => record.Values[i]?.Trim()));
            var key = Fingerprint(text.ToUpperInvariant());
            if (!firstRowOfKey.TryAdd(key, record.Row, out var firstRow))
            {
                errors.Add(record.Row, spec.KeyFields[^1], $"duplicate key ({string.Join(", ", keyIndexes.Select(i => record.Values[i]))}) already on row {firstRow}");
                continue;
            }

            if (storedKeys is not null && storedKeys.TryGetValue(text, out var stored) && !string.Equals(stored, text, StringComparison.Ordinal))
            {
                errors.Add(record.Row, spec.KeyFields[^1], $"'{text.Replace('\u001f', '/')}' differs only by case from the stored '{stored.Replace('\u001f', '/')}': ids are case-sensitive and must not differ only by case; use the stored spelling");
                continue;
            }

            if (!fieldsValid)
            {
                continue;
            }

            var row = new ParsedRow(spec, errors, record.Row, values, fieldsValid);
            var mapped = spec.Map(row, references);
            if (mapped is not null && !errors.Any)
            {
                yield return mapped;
            }
        }

        onRow(count);
    }

    /// <summary>Two independent 32-bit hashes of the key side by side.</summary>
    /// <summary>Stored keys by their case-insensitive form, for kinds whose ids are free text (see <see cref="ImportSpec.KeyColumns"/>).</summary>
    private static async Task<Dictionary<string, string>?> StoredKeysAsync(DbConnection connection, DbTransaction transaction, ImportSpec spec)
    {
        if (spec.KeyColumns is null)
        {
            return null;
        }

        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sql = $"SELECT {string.Join(", ", spec.KeyColumns)} FROM {spec.Table}";
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = spec.KeyColumns.Count == 1 ? reader.GetString(0) : string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(reader.GetString));
            keys.TryAdd(key, key);
        }

        return keys;
    }

    private static long Fingerprint(string key)
    {
        var fnv = 2166136261u;
        foreach (var c in key)
        {
            fnv = (fnv ^ c) * 16777619u;
        }

        return ((long)string.GetHashCode(key, StringComparison.Ordinal) << 32) | fnv;
    }

    private static Task<long> CountAsync(DbConnection connection, DbTransaction transaction, string table) =>
        connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", transaction: transaction);
}
