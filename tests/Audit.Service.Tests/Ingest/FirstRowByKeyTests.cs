using Audit.Service.Ingest;

namespace Audit.Service.Tests.Ingest;

/// <summary>The import's duplicate-key memory: every key's first row is kept, through the table's growth.</summary>
public sealed class FirstRowByKeyTests
{
    [Fact]
    public void TryAdd_RepeatedKeyAfterManyOthers_ReturnsTheRowItWasFirstSeenOn()
    {
        var keys = new FirstRowByKey();
        for (long row = 2; row < 100_002; row++)
        {
            Assert.True(keys.TryAdd(row * 7919, row, out _));
        }

        Assert.False(keys.TryAdd(5 * 7919, 100_002, out var first));
        Assert.Equal(5, first);
        Assert.False(keys.TryAdd(100_001 * 7919, 100_003, out first));
        Assert.Equal(100_001, first);
    }

    [Fact]
    public void TryAdd_ZeroFingerprint_IsAKeyLikeAnyOther()
    {
        var keys = new FirstRowByKey();
        Assert.True(keys.TryAdd(0, 2, out _));
        Assert.False(keys.TryAdd(0, 3, out var first));
        Assert.Equal(2, first);
    }
}
