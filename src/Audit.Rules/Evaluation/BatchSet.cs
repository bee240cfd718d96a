using System.Numerics;

namespace Audit.Rules;

/// <summary>
/// The batches (by their ordinal in the scan's pass) one act holds against a worker, as bits from a base ordinal:
/// the pass reads a worker's batches one after another, so a worker's ordinals are close together and a few words
/// hold them. Counting per act means counting these, and one batch held by several findings is one act.
/// </summary>
public sealed class BatchSet
{
    private long _base = -1;
    private ulong[] _bits = new ulong[1];

    public int Count { get; private set; }

    public void Add(long ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        if (_base < 0)
        {
            _base = ordinal & ~63L;
        }
        else if (ordinal < _base)
        {
            // An ordinal before the base (a rule adding held batches out of order): shift the words up.
            var newBase = ordinal & ~63L;
            var shift = (int)((_base - newBase) / 64);
            var moved = new ulong[_bits.Length + shift];
            Array.Copy(_bits, 0, moved, shift, _bits.Length);
            (_bits, _base) = (moved, newBase);
        }

        var offset = ordinal - _base;
        var word = (int)(offset / 64);
        if (word >= _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        }

        var mask = 1UL << (int)(offset % 64);
        if ((_bits[word] & mask) == 0)
        {
            _bits[word] |= mask;
            Count++;
        }
    }

    public void UnionWith(BatchSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var ordinal in other.Ordinals())
        {
            Add(ordinal);
        }
    }

    public IEnumerable<long> Ordinals()
    {
        for (var w = 0; w < _bits.Length; w++)
        {
            var bits = _bits[w];
            while (bits != 0)
            {
                var bit = BitOperations.TrailingZeroCount(bits);
                yield return _base + (w * 64L) + bit;
                bits &= bits - 1;
            }
        }
    }
}
