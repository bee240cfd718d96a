namespace Audit.Service.Ingest;

/// <summary>
/// The first row each key fingerprint was seen on, for the duplicate-key check of one import file. An open-addressed
/// table of two flat arrays costs 12 bytes a slot: a 42-million-row file (a million workers' capture batches) needs
/// ~0.8 GB, where a <see cref="Dictionary{TKey, TValue}"/> of the same needed ~2 GB with its resize copy.
/// </summary>
internal sealed class FirstRowByKey
{
    private long[] _keys = new long[1 << 12];
    private int[] _rows = new int[1 << 12];
    private int _count;

    /// <summary>Remembers <paramref name="row"/> for <paramref name="key"/>, or returns false with the row it was first seen on.</summary>
    public bool TryAdd(long key, long row, out long firstRow)
    {
        // Zero marks an empty slot, so the one key that hashes to zero is stored as one (a shared fingerprint
        // is already a possible false "duplicate", never a silent merge).
        key = key == 0 ? 1 : key;
        if ((_count + 1) * 4L > _keys.Length * 3L)
        {
            Grow();
        }

        var mask = _keys.Length - 1;
        for (var slot = Slot(key, mask); ; slot = (slot + 1) & mask)
        {
            if (_keys[slot] == key)
            {
                firstRow = _rows[slot];
                return false;
            }

            if (_keys[slot] == 0)
            {
                _keys[slot] = key;
                _rows[slot] = row > int.MaxValue ? throw new InvalidOperationException("an import file may hold at most 2,147,483,647 rows") : (int)row;
                _count++;
                firstRow = row;
                return true;
            }
        }
    }

    private static int Slot(long key, int mask) => (int)((ulong)(key * -7046029254386353131L) >> 32) & mask;

    private void Grow()
    {
        var (keys, rows) = (_keys, _rows);
        _keys = new long[keys.Length * 2];
        _rows = new int[keys.Length * 2];
        var mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
            {
                var slot = Slot(keys[i], mask);
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                (_keys[slot], _rows[slot]) = (keys[i], rows[i]);
            }
        }
    }
}
