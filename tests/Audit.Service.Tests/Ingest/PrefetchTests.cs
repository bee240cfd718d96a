using Audit.Service.Ingest;

namespace Audit.Service.Tests.Ingest;

public sealed class PrefetchTests
{
    [Fact]
    public void Ahead_ManyChunks_KeepsEveryItemInOrder()
    {
        var items = Prefetch.Ahead(Enumerable.Range(0, 10_000), chunkSize: 7, chunksAhead: 2).ToList();

        Assert.Equal(Enumerable.Range(0, 10_000), items);
    }

    [Fact]
    public void Ahead_ProducerThrows_ConsumerGetsTheSameException()
    {
        static IEnumerable<int> Broken()
        {
            yield return 1;
            throw new FormatException("row 2 is broken");
        }

        var ex = Assert.Throws<FormatException>(() => Prefetch.Ahead(Broken(), chunkSize: 1).ToList());

        Assert.Equal("row 2 is broken", ex.Message);
    }

    [Fact]
    public void Ahead_ConsumerStopsEarly_ProducerStopsToo()
    {
        var produced = 0;
        IEnumerable<int> Endless()
        {
            while (true)
            {
                yield return Interlocked.Increment(ref produced);
            }
        }

        var first = Prefetch.Ahead(Endless(), chunkSize: 10, chunksAhead: 2).Take(5).ToList();

        Assert.Equal([1, 2, 3, 4, 5], first);
        Assert.InRange(produced, 5, 1000);
    }
}
