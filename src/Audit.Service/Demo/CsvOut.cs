using System.Globalization;
using System.Text;

namespace Audit.Service.Demo;

/// <summary>A minimal RFC 4180 writer for the demo's import files (UTF-8, LF, invariant culture).</summary>
internal sealed class CsvOut : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly object?[] _row;
    private int _count;

    public CsvOut(string path, params string[] header)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        _row = new object?[header.Length];
        _writer.WriteLine(string.Join(',', header));
    }

    public long Rows { get; private set; }

    public CsvOut Add(object? value)
    {
        _row[_count++] = value;
        return this;
    }

    public void EndRow()
    {
        for (var i = 0; i < _count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            _writer.Write(Escape(Format(_row[i])));
        }

        _writer.Write('\n');
        _count = 0;
        Rows++;
    }

    public void Row(params object?[] values)
    {
        foreach (var v in values)
        {
            Add(v);
        }

        EndRow();
    }

    public void Dispose() => _writer.Dispose();

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string Escape(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
