using System.Text;

namespace Audit.Service.Tests.Infrastructure;

/// <summary>A folder under the system temp path for one test's files; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "audit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a CSV file: the header line, then one line per row, LF-terminated, UTF-8 without BOM.</summary>
    public string Csv(string name, string header, params string[] rows) =>
        Text(name, string.Concat(rows.Prepend(header).Select(line => line + "\n")));

    public string Text(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public string Bytes(string name, byte[] content)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the OS temp cleaner gets it.
        }
    }
}
