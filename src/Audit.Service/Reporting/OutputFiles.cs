using System.Globalization;

namespace Audit.Service.Reporting;

/// <summary>The finished files of a report or export folder, as a download may name them: never a path, never a staging leftover.</summary>
public static class OutputFiles
{
    /// <summary>The file named <paramref name="fileName"/> directly inside <paramref name="folder"/>, or null (no paths, no traversal).</summary>
    public static string? Resolve(string? folder, string fileName)
    {
        if (folder is null || fileName.Length == 0 || fileName != Path.GetFileName(fileName) || fileName is "." or ".."
            || fileName.EndsWith(".partial", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(folder, fileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The files a user may download from a finished folder (never staging leftovers).</summary>
    public static IReadOnlyList<string> FilesIn(string? folder) =>
        folder is not null && Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Moves a finished export (a lineage export, a purge scope) to its stamp, or stamp-2, stamp-3... when another export took that second.</summary>
    public static string MoveToFreeName(string staging, string folder)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? folder : $"{folder}-{n.ToString(CultureInfo.InvariantCulture)}";
            if (Directory.Exists(candidate))
            {
                continue;
            }

            try
            {
                Directory.Move(staging, candidate);
                return candidate;
            }
            catch (IOException) when (Directory.Exists(candidate))
            {
                // Taken between the check and the move by a concurrent export: try the next name.
            }
        }
    }
}
