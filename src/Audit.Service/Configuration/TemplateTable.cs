using Audit.Service.Ingest;

namespace Audit.Service.Configuration;

/// <summary>
/// A CSV template the service reads as a setting (the remedy table, the disclosure lexicon): its records with every
/// field parsed, and one refusal naming every problem as file:row:field when anything is wrong, so nothing is made
/// from half a table.
/// </summary>
internal static class TemplateTable
{
    /// <summary>Each record whose fields all parse, with its row; a field that does not parse is added to <paramref name="errors"/>.</summary>
    public static IEnumerable<(long Row, object?[] Values)> Rows(string path, IReadOnlyList<FieldSpec> fields, ImportErrorList errors)
    {
        foreach (var record in RecordSources.Read(path, fields, errors))
        {
            var values = new object?[fields.Count];
            var valid = true;
            for (var f = 0; f < fields.Count; f++)
            {
                if (!fields[f].TryParse(record.Values[f], out values[f], out var problem))
                {
                    errors.Add(record.Row, fields[f].Name, problem!);
                    valid = false;
                }
            }

            if (valid)
            {
                yield return (record.Row, values);
            }
        }
    }

    /// <summary>Throws the <see cref="ConfigurationException"/> (exit 78, 503 over HTTP) listing the problems, if there are any.</summary>
    /// <param name="what">The table in words ("the remedy table").</param>
    /// <param name="consequence">What was therefore not done ("no plan was made").</param>
    public static void ThrowIfAny(ImportErrorList errors, string what, string path, string consequence)
    {
        if (!errors.Any)
        {
            return;
        }

        var more = errors.Total > errors.Kept.Count ? $"\n  ... and {errors.Total - errors.Kept.Count} more" : string.Empty;
        throw new ConfigurationException($"{what} {path} is not valid ({errors.Total} problem{(errors.Total == 1 ? string.Empty : "s")}), so {consequence}:\n  "
            + string.Join("\n  ", errors.Kept) + more);
    }
}
