using System.Diagnostics;
using System.Globalization;

namespace Audit.Service.Reporting;

/// <summary>
/// A report's files land together or not at all: each is rendered into a staging folder beside the reports (same
/// volume, so moves are renames), and only when every file is complete does the staging folder take the report
/// folder's place (the old folder is moved aside first, then removed). A run killed while rendering leaves its
/// report folder as it was; one killed between the two renames leaves no folder, never a PDF without its workbook.
/// Staging entries are named with the process id, so the next run removes those of processes that are gone (and
/// leaves alone those of a run still going, such as `serve` rendering while the command line does).
/// </summary>
public static class ReportFolder
{
    public const string StagingName = ".staging";

    /// <summary>Writes the files into <paramref name="folder"/> together; returns their paths there.</summary>
    public static List<string> Write(string outputPath, string folder, IReadOnlyList<(string FileName, Action<Stream> Write)> files, Action<string>? stage = null)
    {
        var staging = Path.GetFullPath(Path.Combine(outputPath, StagingName));
        Directory.CreateDirectory(staging);
        RemoveLeftovers(staging);
        var run = $"{Path.GetFileName(folder)}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}";
        var staged = Path.Combine(staging, run + ".partial");
        Directory.CreateDirectory(staged);
        try
        {
            foreach (var (fileName, write) in files)
            {
                stage?.Invoke(fileName);
                using var stream = new FileStream(Path.Combine(staged, fileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                write(stream);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            var old = Path.Combine(staging, run + ".old");
            if (Directory.Exists(folder))
            {
                Directory.Move(folder, old);
            }

            Directory.Move(staged, folder);
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
        }
        catch
        {
            if (Directory.Exists(staged))
            {
                Directory.Delete(staged, recursive: true);
            }

            throw;
        }

        return files.Select(f => Path.Combine(folder, f.FileName)).ToList();
    }

    /// <summary>Staging entries of runs whose process is gone: a killed render's files, or a folder moved aside and not yet removed.</summary>
    private static void RemoveLeftovers(string staging)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(staging))
        {
            var parts = Path.GetFileName(entry).Split('.');
            if (parts.Length < 4 || !int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Alive(pid))
            {
                continue;
            }

            try
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
            catch (IOException)
            {
                // Another run is removing it too, or it is in use: the next run tries again.
            }
        }
    }

    private static bool Alive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
