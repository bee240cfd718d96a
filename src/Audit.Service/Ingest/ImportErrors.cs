namespace Audit.Service.Ingest;

/// <summary>One problem in an input file, located the way a user finds it: file, row, column.</summary>
public sealed record ImportError(string File, long Row, string Column, string Message)
{
    public override string ToString() => $"{File}:{Row}:{Column}: {Message}";
}

/// <summary>Collects errors up to a cap while still counting them all, so a file of garbage stays cheap.</summary>
public sealed class ImportErrorList
{
    public const int DefaultCap = 50;
    private readonly List<ImportError> _kept = [];

    public ImportErrorList(string file, int cap = DefaultCap)
    {
        File = file;
        Cap = cap;
    }

    public string File { get; }

    public int Cap { get; }

    public long Total { get; private set; }

    public bool Any => Total > 0;

    public IReadOnlyList<ImportError> Kept => _kept;

    public void Add(long row, string column, string message)
    {
        Total++;
        if (_kept.Count < Cap)
        {
            _kept.Add(new ImportError(File, row, column, message));
        }
    }
}

/// <summary>The whole file was rejected; nothing was written.</summary>
public sealed class ImportRejectedException : Exception
{
    public ImportRejectedException(string file, IReadOnlyList<ImportError> errors, long total)
        : base(Describe(file, errors, total))
    {
        FileName = file;
        Errors = errors;
        Total = total;
    }

    public ImportRejectedException()
    {
        FileName = string.Empty;
        Errors = [];
    }

    public ImportRejectedException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Errors = [];
    }

    public ImportRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Errors = [];
    }

    public string FileName { get; }

    public IReadOnlyList<ImportError> Errors { get; }

    public long Total { get; }

    private static string Describe(string file, IReadOnlyList<ImportError> errors, long total)
    {
        var head = $"{file}: rejected, nothing was imported ({total} error{(total == 1 ? string.Empty : "s")}";
        head += total > errors.Count ? $"; the first {errors.Count} are listed)" : ")";
        return head + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
