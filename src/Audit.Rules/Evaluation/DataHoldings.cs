namespace Audit.Rules;

/// <summary>
/// One training dataset or model a finding's data reached, when the last of it arrived there, and the latest purge of
/// that sink by the as-of day. The data is still held unless that purge came after it arrived: a purge deletes what
/// the sink held by the end of its day; data arriving after it is held again.
/// </summary>
public sealed record DataHolding(string Dataset, DatasetKind Kind, bool Commercial, DateTime LastArrival, DateOnly? PurgedOn, string? PurgeReference)
{
    public bool StillHeld => IsHeld(LastArrival, PurgedOn);

    public bool IsModel => Kind == DatasetKind.Model;

    /// <summary>Data that arrived at a sink at <paramref name="arrivedAt"/> is still there unless a purge ran on or after that day.</summary>
    public static bool IsHeld(DateTime arrivedAt, DateOnly? purgedOn) =>
        purgedOn is not { } day || day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) <= arrivedAt;
}

/// <summary>
/// Where a finding's data sits (issue 23, item 5): every training dataset and model its held batches reached through the
/// lineage graph, by paths still running when they were captured, and whether a recorded purge has since deleted it
/// there. Purging a training set does not take the data out of a model trained on it: the model is a sink of its own,
/// held until it too is recorded purged (deleted). A purge changes where the data is, never what was done with it:
/// the finding, its counts and its exposure stay as the rules found them.
/// </summary>
public static class DataHoldings
{
    public static IReadOnlyList<DataHolding> Of(FindingBuilder finding, LineageGraph graph, ScanSnapshot snapshot)
    {
        var arrivals = new Dictionary<long, DateTime>();
        foreach (var origin in finding.DataDays.GroupBy(d => d.DatasetId))
        {
            var days = origin.OrderBy(d => d.Day).ToList();
            var first = days[0].Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            foreach (var sink in graph.TrainingSinksReached(origin.Key, first, DateTime.MinValue))
            {
                // A batch rides to the sink only when captured no later than the path's last run; it arrives when both
                // the capture has ended and the path has formed.
                var until = graph.UntilTo(sink.DatasetId)[origin.Key];
                var latestTo = days.Where(d => d.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) <= until).Max(d => d.LatestTo);
                var arrival = graph.ReachTo(origin.Key, sink.DatasetId)?.ReachedAt(latestTo) ?? latestTo;
                if (!arrivals.TryGetValue(sink.DatasetId, out var known) || arrival > known)
                {
                    arrivals[sink.DatasetId] = arrival;
                }
            }
        }

        return arrivals
            .Select(a =>
            {
                var sink = graph.Dataset(a.Key);
                var purge = snapshot.LatestPurge(a.Key);
                return new DataHolding($"{sink.Namespace}/{sink.Name}", sink.Kind, sink.IsCommercialModel, a.Value, purge?.PurgedOn, purge?.Reference);
            })
            .OrderBy(h => h.IsModel).ThenBy(h => h.Dataset, StringComparer.Ordinal)
            .ToList();
    }
}
