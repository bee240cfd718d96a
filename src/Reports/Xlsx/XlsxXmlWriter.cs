using System.Buffers;
using System.Globalization;
using System.Text;

namespace Audit.Reports.Xlsx;

/// <summary>
/// Writes UTF-8 XML forward-only into a stream through one reusable buffer. Markup is written as literal bytes;
/// only <see cref="Text"/> escapes. Built for sheet parts of a million rows, where allocating element objects and
/// strings per cell (as <c>OpenXmlWriter</c> does) costs more than the deflate.
/// </summary>
internal sealed class XlsxXmlWriter
{
    /// <summary>Longest shortest-round-trip double ("-1.2345678901234567E-308") with room to spare.</summary>
    private const int MaxNumberBytes = 32;

    /// <summary>Characters that go through unchanged: printable ASCII except the markup characters, plus tab and LF.</summary>
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        "\t\n !\"#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _length;

    public XlsxXmlWriter(Stream stream, int bufferSize = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 256);
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Markup or other bytes known to be valid UTF-8 XML as they are.</summary>
    public void Raw(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _buffer.Length - _length)
        {
            Flush();
            if (utf8.Length > _buffer.Length)
            {
                _stream.Write(utf8);
                return;
            }
        }

        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
    }

    /// <summary>A number as Excel reads it: invariant, shortest form that round-trips.</summary>
    public void Number(double value)
    {
        Reserve(MaxNumberBytes);
        if (!value.TryFormat(_buffer.AsSpan(_length), out var written, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Could not format {value.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        _length += written;
    }

    /// <summary>
    /// Character data, escaped for element content. Characters XML 1.0 cannot carry (C0 controls other than tab,
    /// LF and CR; unpaired surrogates; U+FFFE and U+FFFF) are dropped; CR and CRLF are written as LF, which is
    /// what a parser reads them as anyway.
    /// </summary>
    public void Text(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var run = text.IndexOfAnyExcept(Plain);
            if (run < 0)
            {
                run = text.Length;
            }

            while (run > 0)
            {
                Reserve(1);
                var chunk = Math.Min(run, _buffer.Length - _length);
                System.Text.Ascii.FromUtf16(text[..chunk], _buffer.AsSpan(_length), out var written);
                _length += written;
                text = text[chunk..];
                run -= chunk;
            }

            if (text.IsEmpty)
            {
                return;
            }

            var c = text[0];
            var consumed = 1;
            switch (c)
            {
                case '&':
                    Raw("&amp;"u8);
                    break;
                case '<':
                    Raw("&lt;"u8);
                    break;
                case '>':
                    Raw("&gt;"u8);
                    break;
                case '\r':
                    if (text.Length < 2 || text[1] != '\n')
                    {
                        Raw("\n"u8);
                    }

                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    break;
                default:
                    if (char.IsHighSurrogate(c))
                    {
                        if (text.Length >= 2 && char.IsLowSurrogate(text[1]))
                        {
                            Encode(new Rune(c, text[1]));
                            consumed = 2;
                        }
                    }
                    else if (!char.IsLowSurrogate(c))
                    {
                        Encode(new Rune(c));
                    }

                    break;
            }

            text = text[consumed..];
        }
    }

    /// <summary>Writes out what is buffered (the stream itself is left to the caller).</summary>
    public void Flush()
    {
        if (_length > 0)
        {
            _stream.Write(_buffer, 0, _length);
            _length = 0;
        }
    }

    private void Encode(Rune rune)
    {
        Reserve(4);
        _length += rune.EncodeToUtf8(_buffer.AsSpan(_length));
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Flush();
        }
    }
}
