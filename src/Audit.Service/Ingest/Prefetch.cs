using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Audit.Service.Ingest;

/// <summary>
/// Runs a sequence's producer on another thread, a few chunks ahead of the consumer: parsing and checking a
/// file then overlaps with writing it to the database, which keeps both cores busy during a large import.
/// </summary>
public static class Prefetch
{
    public static IEnumerable<T> Ahead<T>(IEnumerable<T> source, int chunkSize = 2048, int chunksAhead = 8)
    {
        using var chunks = new BlockingCollection<List<T>>(chunksAhead);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var producer = Task.Run(() =>
        {
            try
            {
                var chunk = new List<T>(chunkSize);
                foreach (var item in source)
                {
                    chunk.Add(item);
                    if (chunk.Count == chunkSize)
                    {
                        chunks.Add(chunk, stop.Token);
                        chunk = new List<T>(chunkSize);
                    }
                }

                if (chunk.Count > 0)
                {
                    chunks.Add(chunk, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early (it failed or was cancelled): nothing more is wanted.
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                chunks.CompleteAdding();
            }
        });

        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable())
            {
                foreach (var item in chunk)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            stop.Cancel();
            producer.Wait();
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}
