using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// What became of one posted event, ready for a ProblemDetails answer: <see cref="Status"/> is the HTTP status
/// the OpenLineage clients expect (201, 400, 413, 415, 503) and <see cref="Detail"/> says why in plain words.
/// A bad payload is never a 5xx: the Python client re-posts a 5xx five times.
/// </summary>
public abstract record IntakeOutcome(int Status, string Title, string Detail)
{
    /// <summary>Stored (or an exact repeat of a stored event, which adds nothing).</summary>
    public sealed record Accepted(string EventHash, bool Repeat, IReadOnlyList<string> Warnings)
        : IntakeOutcome(201, Repeat ? "Already stored" : "Stored", Repeat ? "An exact repeat of a stored event; nothing was added." : "The event was stored.");

    /// <summary>Malformed or invalid; nothing was written. <see cref="Field"/> is the JSON path ("-" for the body).</summary>
    public sealed record Invalid(string Field, string Reason, long Line)
        : IntakeOutcome(400, "Invalid OpenLineage event", (Line > 1 ? $"line {Line}, " : string.Empty) + $"{Field}: {Reason}");

    public sealed record TooLarge(long LimitBytes)
        : IntakeOutcome(413, "Event too large", string.Create(CultureInfo.InvariantCulture, $"The event is larger than {LimitBytes:N0} bytes (after decompression)."));

    public sealed record UnsupportedMediaType(string Reason)
        : IntakeOutcome(415, "Unsupported media type", Reason);

    /// <summary>The database could not take the event just now; the client may retry.</summary>
    public sealed record Transient(string Reason)
        : IntakeOutcome(503, "Try again", Reason);
}

/// <summary>
/// The host-independent part of <c>POST /api/v1/lineage</c>: checks the content type and encoding, reads the body
/// within a size limit (after decompression, so a gzip bomb stops at the limit), parses the event with the same
/// parser as file imports, and hands it to the <see cref="LineageWriter"/>, answering once it is committed.
/// The route maps the outcome to a response; the host should also cap the raw body at the same limit.
/// </summary>
public sealed class LineageIntake
{
    private readonly LineageWriter _writer;

    public LineageIntake(LineageWriter writer)
    {
        _writer = writer;
    }

    public async Task<IntakeOutcome> ReceiveAsync(Stream body, string? contentType, string? contentEncoding, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (MediaTypeProblem(contentType) is { } mediaProblem)
        {
            return new IntakeOutcome.UnsupportedMediaType(mediaProblem);
        }

        Stream source;
        switch (contentEncoding?.Trim().ToLowerInvariant())
        {
            case null or "" or "identity":
                source = body;
                break;
            case "gzip" or "x-gzip":
                source = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
                break;
            default:
                return new IntakeOutcome.UnsupportedMediaType($"Content-Encoding '{contentEncoding}' is not supported; send the event as is or gzip-compressed.");
        }

        byte[]? buffer = null;
        try
        {
            int length;
            (buffer, length) = await ReadAsync(source, maxBytes, cancellationToken);
            if (length < 0)
            {
                return new IntakeOutcome.TooLarge(maxBytes);
            }

            if (length == 0)
            {
                return new IntakeOutcome.Invalid("-", "the body is empty; send one OpenLineage event as JSON", 1);
            }

            LineageEvent ev;
            try
            {
                ev = LineageEventParser.Parse(buffer.AsMemory(0, length));
            }
            catch (LineageFormatException ex)
            {
                return new IntakeOutcome.Invalid(ex.Field, ex.Reason, ex.Line);
            }

            try
            {
                var written = await _writer.WriteAsync(ev, cancellationToken);
                return new IntakeOutcome.Accepted(ev.Hash, !written.IsNew, ev.Warnings);
            }
            catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException or System.Threading.Channels.ChannelClosedException)
            {
                return new IntakeOutcome.Transient("The lineage store is unavailable; retry later.");
            }
        }
        catch (InvalidDataException)
        {
            return new IntakeOutcome.Invalid("-", "the body is not valid gzip data", 1);
        }
        finally
        {
            if (!ReferenceEquals(source, body))
            {
                await source.DisposeAsync();
            }

            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>null when the content type is JSON in UTF-8 (the only encoding RFC 8259 allows between systems).</summary>
    private static string? MediaTypeProblem(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "Content-Type is missing; send 'application/json'.";
        }

        var parts = contentType.Split(';');
        if (!string.Equals(parts[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return $"Content-Type '{parts[0].Trim()}' is not supported; send 'application/json'.";
        }

        foreach (var parameter in parts.Skip(1))
        {
            var pair = parameter.Split('=', 2);
            if (pair.Length == 2 && string.Equals(pair[0].Trim(), "charset", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(pair[1].Trim().Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return $"charset '{pair[1].Trim()}' is not supported; JSON is sent as UTF-8.";
            }
        }

        return null;
    }

    /// <summary>The body in a pooled buffer; length -1 when it goes over the limit (reading stops there).</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 16 * 1024));
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }

            var read = await source.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
            if (length > limit)
            {
                return (buffer, -1);
            }
        }
    }
}
