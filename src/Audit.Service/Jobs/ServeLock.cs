using Audit.Service.Data;

namespace Audit.Service.Jobs;

/// <summary>
/// An exclusive OS lock on a file beside the embedded database, held while `serve` runs: a second `serve` on
/// the same database is refused. The OS drops the lock when the process dies, so a restart after kill -9 is
/// not blocked by a stale file.
/// </summary>
public sealed class ServeLock : IDisposable
{
    private readonly FileStream _stream;

    private ServeLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    public static string PathFor(DatabaseOptions database) => JobStorageFactory.SqliteDatabasePath(database) + ".serve-lock";

    public static ServeLock Acquire(DatabaseOptions database)
    {
        var path = PathFor(database);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            // FileShare.None takes an exclusive lock (flock on Unix, a share-mode lock on Windows).
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            stream.Write(pid);
            stream.Flush();
            return new ServeLock(path, stream);
        }
        catch (IOException ex)
        {
            throw new ServeLockedException(
                $"Another `serve` is running on {JobStorageFactory.SqliteDatabasePath(database)}: it holds the lock {path}. " +
                "The embedded database serves one instance; several instances need SQL Server (see the README).", ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}

public sealed class ServeLockedException(string message, Exception inner) : Exception(message, inner);
