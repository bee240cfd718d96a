namespace Audit.Reports.Export;

/// <summary>One RFC 4180 line: quoted where a field holds a comma, quote or line break, neutralised against CSV injection.</summary>
public static class CsvLine
{
    public static void Write(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var field = CsvInjection.Neutralise(fields[i]);
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }

        writer.WriteLine();
    }
}
