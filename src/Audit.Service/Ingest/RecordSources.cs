using System.Text;
using System.Text.Json;
using Sylvan.Data.Csv;

namespace Audit.Service.Ingest;

/// <summary>A record of an import file with its values in the order of the entity's fields.</summary>
public readonly record struct SourceRecord(long Row, string?[] Values);

/// <summary>
/// Reads CSV (header row) or JSON (an array of objects) into records, streaming. Structural problems
/// (bad header, wrong column count, invalid UTF-8, malformed JSON) go to the error list with their location.
/// </summary>
public static class RecordSources
{
    // Invalid bytes decode to U+FFFD and are reported at the field they sit in; a throwing decoder would
    // fail a whole 64 KB buffer at once and point at the wrong row.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private const char Replacement = '\uFFFD';

    /// <summary>The largest CSV record read; anything longer is rejected as malformed.</summary>
    public const int MaxRecordBytes = 1 << 20;

    public static IEnumerable<SourceRecord> Read(string path, IReadOnlyList<FieldSpec> fields, ImportErrorList errors)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => ReadCsv(path, fields, errors),
            ".json" => ReadJson(path, fields, errors),
            _ => throw new ImportRejectedException(errors.File, [new ImportError(errors.File, 0, "-", $"unsupported file type '{extension}': use .csv or .json")], 1),
        };
    }

    private static IEnumerable<SourceRecord> ReadCsv(string path, IReadOnlyList<FieldSpec> fields, ImportErrorList errors)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (stream.Length == 0)
        {
            errors.Add(1, "-", "the file is empty: expected a header row");
            yield break;
        }

        using var text = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        // A record longer than MaxRecordBytes is not data we import (the longest field allowed is 8,000 characters):
        // it is refused with its row rather than buffered whole.
        CsvDataReader csv;
        try
        {
            // Creating the reader reads the header and buffers ahead, so an oversized first record surfaces here.
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16, MaxBufferSize = MaxRecordBytes });
        }
        catch (CsvRecordTooLargeException)
        {
            errors.Add(1, "-", $"the header row or the first record is longer than {MaxRecordBytes / 1024} KB (a missing closing quote?); the file was not read");
            yield break;
        }

        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        if (header.Any(h => h.Contains(Replacement, StringComparison.Ordinal)))
        {
            errors.Add(1, "-", "the header is not valid UTF-8");
            yield break;
        }

        var columnOf = MapHeader(header, fields, errors);
        if (errors.Any)
        {
            yield break;
        }

        using (csv)
        {
            long row = 1;
            while (true)
            {
                string?[]? values = null;
                try
                {
                    if (!csv.Read())
                    {
                        break;
                    }

                    row++;
                    if (csv.RowFieldCount == 1 && csv.GetString(0).Length == 0)
                    {
                        // A blank line, as editors and exporters leave at the end: nothing to import.
                        continue;
                    }

                    if (csv.RowFieldCount != csv.FieldCount)
                    {
                        errors.Add(row, "-", $"has {csv.RowFieldCount} columns; the header has {csv.FieldCount}");
                        continue;
                    }

                    values = new string?[fields.Count];
                    for (var f = 0; f < fields.Count; f++)
                    {
                        var c = columnOf[f];
                        values[f] = c < 0 ? null : csv.GetString(c);
                        if (values[f]?.Contains(Replacement, StringComparison.Ordinal) == true)
                        {
                            errors.Add(row, fields[f].Name, "invalid UTF-8 byte sequence");
                            values = null;
                            break;
                        }
                    }

                    if (values is null)
                    {
                        continue;
                    }
                }
                catch (CsvRecordTooLargeException)
                {
                    errors.Add(row + 1, "-", $"the record is longer than {MaxRecordBytes / 1024} KB (a missing closing quote?); the rest of the file was not read");
                    yield break;
                }
                catch (CsvFormatException ex)
                {
                    errors.Add(row + 1, "-", $"malformed CSV: {ex.Message}");
                    yield break;
                }

                yield return new SourceRecord(row, values);
            }
        }
    }

    private static int[] MapHeader(IReadOnlyList<string> header, IReadOnlyList<FieldSpec> fields, ImportErrorList errors)
    {
        var columnOf = new int[fields.Count];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (fields.All(f => !string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(1, name, $"unknown column; expected: {string.Join(", ", fields.Select(f => f.Name))}");
            }
            else if (!index.TryAdd(name, i))
            {
                errors.Add(1, name, "column appears twice");
            }
        }

        for (var f = 0; f < fields.Count; f++)
        {
            if (index.TryGetValue(fields[f].Name, out var c))
            {
                columnOf[f] = c;
            }
            else
            {
                columnOf[f] = -1;
                if (fields[f].Required)
                {
                    errors.Add(1, fields[f].Name, "required column is missing");
                }
            }
        }

        return columnOf;
    }

    private static IEnumerable<SourceRecord> ReadJson(string path, IReadOnlyList<FieldSpec> fields, ImportErrorList errors)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (stream.Length == 0)
        {
            errors.Add(1, "-", "the file is empty: expected a JSON array of objects");
            yield break;
        }

        // A UTF-8 byte order mark (Windows editors write one) is accepted, as it is for CSV.
        Span<byte> bom = stackalloc byte[3];
        if (stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false) < 3 || !bom.SequenceEqual("\uFEFF"u8))
        {
            stream.Position = 0;
        }

        var reader = new JsonArrayStream(stream);
        long row = 0;
        while (true)
        {
            List<JsonElement> batch;
            try
            {
                batch = reader.ReadSome();
            }
            catch (JsonException ex)
            {
                var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
                errors.Add(row + reader.Pending + 1, "-", $"malformed JSON{where}: {ex.Message.Split(" LineNumber:")[0].Split(" Path:")[0]}");
                yield break;
            }

            if (batch.Count == 0)
            {
                break;
            }

            foreach (var item in batch)
            {
                row++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(row, "-", $"expected an object, found {item.ValueKind}");
                    continue;
                }

                var values = new string?[fields.Count];
                var given = new bool[fields.Count];
                foreach (var property in item.EnumerateObject())
                {
                    var f = IndexOf(fields, property.Name);
                    if (f < 0)
                    {
                        errors.Add(row, property.Name, $"unknown field; expected: {string.Join(", ", fields.Select(x => x.Name))}");
                        continue;
                    }

                    // JSON parsers keep the last of two equal names; which value was meant is the writer's to say.
                    if (given[f])
                    {
                        errors.Add(row, property.Name, $"field given twice in record {row}; give each field once");
                        continue;
                    }

                    given[f] = true;

                    values[f] = property.Value.ValueKind switch
                    {
                        JsonValueKind.Null or JsonValueKind.Undefined => null,
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Array => string.Join(';', property.Value.EnumerateArray().Select(v => v.ToString())),
                        _ => property.Value.GetRawText(),
                    };
                }

                if (values.Any(v => v?.Contains(Replacement, StringComparison.Ordinal) == true))
                {
                    errors.Add(row, "-", "invalid UTF-8 byte sequence");
                    continue;
                }

                yield return new SourceRecord(row, values);
            }
        }
    }

    private static int IndexOf(IReadOnlyList<FieldSpec> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
