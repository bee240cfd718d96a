using System.Buffers;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// The lines of an NDJSON stream as UTF-8 bytes, one buffer at a time: memory stays at the longest line,
/// whatever the file's size. A line longer than <see cref="MaxLineBytes"/> is reported, not buffered.
/// </summary>
internal sealed class NdjsonLines : IDisposable
{
    public const int MaxLineBytes = 16 << 20;

    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _start;
    private int _end;
    private bool _eof;

    public NdjsonLines(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line without its line break (valid until the next call), or false at the end. A line over the
    /// limit comes back as <paramref name="tooLong"/> with its content skipped.
    /// </summary>
    public async ValueTask<(bool Found, ReadOnlyMemory<byte> Line, bool TooLong)> NextAsync(CancellationToken cancellationToken)
    {
        var skipping = false;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                LineNumber++;
                var line = new ReadOnlyMemory<byte>(_buffer, _start, newline - _start);
                _start = newline + 1;
                return skipping ? (true, ReadOnlyMemory<byte>.Empty, true) : (true, TrimCr(line), false);
            }

            if (_eof)
            {
                if (_start == _end && !skipping)
                {
                    return (false, ReadOnlyMemory<byte>.Empty, false);
                }

                LineNumber++;
                var last = new ReadOnlyMemory<byte>(_buffer, _start, _end - _start);
                _start = _end;
                return skipping ? (true, ReadOnlyMemory<byte>.Empty, true) : (true, TrimCr(last), false);
            }

            if (_end - _start >= MaxLineBytes)
            {
                // Drop what we have of the overlong line and keep reading until its end.
                skipping = true;
                _start = _end = 0;
            }

            Compact();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Array.Copy(_buffer, bigger, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }

    private static ReadOnlyMemory<byte> TrimCr(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
