namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// An event that cannot be accepted, located the way a person finds it: the line within the document (1 for
/// a one-line NDJSON event) and the field (<c>run.runId</c>, <c>outputs[0].name</c>; "-" for the document).
/// The message says what is wrong in plain words, never the JSON reader's byte positions.
/// </summary>
public sealed class LineageFormatException : FormatException
{
    public LineageFormatException(string field, string reason, long line = 1)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
        Line = line;
    }

    public LineageFormatException()
        : this("-", "malformed event")
    {
    }

    public LineageFormatException(string message)
        : this("-", message)
    {
    }

    public LineageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "-";
        Reason = message;
        Line = 1;
    }

    public string Field { get; }

    public string Reason { get; }

    public long Line { get; }
}
