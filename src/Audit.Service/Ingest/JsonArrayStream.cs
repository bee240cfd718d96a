using System.Text.Json;

namespace Audit.Service.Ingest;

/// <summary>
/// Reads the elements of a top-level JSON array from a stream a buffer at a time, so a large file streams and
/// a syntax error is placed at the element it is in (the serializer's async enumerable fails a whole buffer).
/// </summary>
internal sealed class JsonArrayStream(Stream stream)
{
    /// <summary>The largest single array element read; a larger one is refused rather than buffered.</summary>
    public const int MaxElementBytes = 4 << 20;

    private byte[] _buffer = new byte[1 << 16];
    private int _length;
    private bool _final;
    private bool _started;
    private bool _done;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

    /// <summary>Elements parsed in the current call before an error, to place the error at the right row.</summary>
    public int Pending { get; private set; }

    /// <summary>The next elements (cloned, independent of the buffer); empty at the end of the array.</summary>
    public List<JsonElement> ReadSome()
    {
        var result = new List<JsonElement>();
        Pending = 0;
        while (!_done && result.Count == 0)
        {
            if (!_final)
            {
                Fill();
            }

            var consumed = Parse(result);
            if (_done)
            {
                break;
            }

            Array.Copy(_buffer, consumed, _buffer, 0, _length - consumed);
            _length -= consumed;
            if (result.Count == 0)
            {
                if (_final)
                {
                    throw new JsonException("the JSON array is not closed: the file ends inside it", null, null, null);
                }

                if (_length == _buffer.Length)
                {
                    // One element is larger than the buffer: grow it, up to a limit no real record reaches.
                    if (_buffer.Length >= MaxElementBytes)
                    {
                        throw new JsonException($"a record is longer than {MaxElementBytes / (1024 * 1024)} MB", null, null, null);
                    }

                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
            }
        }

        return result;
    }

    private void Fill()
    {
        while (_length < _buffer.Length)
        {
            var read = stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _final = true;
                return;
            }

            _length += read;
        }
    }

    private int Parse(List<JsonElement> output)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(0, _length), _final, _state);
        var consumed = 0;
        if (!_started)
        {
            if (!reader.Read())
            {
                return 0;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"expected a JSON array of objects, found {reader.TokenType}", null, 0, 0);
            }

            _started = true;
            consumed = (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        while (true)
        {
            var checkpoint = reader;
            if (!reader.Read())
            {
                return consumed;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                _done = true;
                return (int)reader.BytesConsumed;
            }

            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                reader = checkpoint;
                return consumed;
            }

            using (document)
            {
                output.Add(document.RootElement.Clone());
                Pending = output.Count;
            }

            consumed = (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }
    }
}
