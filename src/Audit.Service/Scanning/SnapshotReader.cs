using System.Data.Common;
using Audit.Rules;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Scanning;

/// <summary>
/// Reads the facts a scan judges (everything but the capture batches) as they stood on the as-of date, with the
/// scan's own <c>*_ReadForScan</c> queries, into the rules' <see cref="ScanSnapshot"/>.
/// </summary>
public static class SnapshotReader
{
    public static async Task<ScanSnapshot> ReadAsync(Database database, DbConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        var s = new ScanSnapshot(asOf);
        var p = new { AsOf = asOf, s.Cutoff };
        var sql = database.Sql;

        // The three tables with a row (or more) per worker are streamed with typed getters rather than buffered as
        // tuples: at 100,000 workers they are half a million rows. A worker's rows come together (ordered by worker).
        await using (var r = await connection.ExecuteReaderAsync(sql["Worker_ReadForScan"], p))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                var worker = new WorkerInfo
                {
                    Index = s.WorkersByIndex.Count,
                    WorkerId = r.GetString(0),
                    EmploymentType = Codes.Parse<EmploymentType>(r.GetString(1)),
                    TerminationDate = r.IsDBNull(3) ? null : TypeHandlers.ToDateOnly(r.GetValue(3)),
                    TerminationReason = r.IsDBNull(4) ? null : Codes.Parse<TerminationReason>(r.GetString(4)),
                };
                s.Workers.Add(worker.WorkerId, worker);
                s.WorkersByIndex.Add(worker);
            }
        }

        await using (var r = await connection.ExecuteReaderAsync(sql["WorkerLocation_ReadForScan"], p))
        {
            WorkerInfo? worker = null;
            while (await r.ReadAsync(cancellationToken))
            {
                if (WorkerOf(s, r.GetString(0), ref worker) is not { } of)
                {
                    continue;
                }

                DateOnly? to = r.IsDBNull(2) ? null : TypeHandlers.ToDateOnly(r.GetValue(2));
                of.Locations.Add(new LocationSpan(TypeHandlers.ToDateOnly(r.GetValue(1)), to > asOf ? null : to, r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
            }
        }

        var notices = await ReadNoticeFactsAsync(s, sql, connection, p, cancellationToken);

        // Hundreds of thousands of acknowledgements spell a handful of consent sets: each is parsed once.
        var consents = new Dictionary<string, Purpose>(StringComparer.Ordinal);
        await using (var r = await connection.ExecuteReaderAsync(sql["Acknowledgement_ReadForScan"], p))
        {
            WorkerInfo? worker = null;
            while (await r.ReadAsync(cancellationToken))
            {
                if (WorkerOf(s, r.GetString(0), ref worker) is not { } of || !notices.TryGetValue(r.GetString(1), out var notice))
                {
                    continue;
                }

                Purpose? consent = null;
                if (!r.IsDBNull(3))
                {
                    var text = r.GetString(3);
                    if (!consents.TryGetValue(text, out var parsed))
                    {
                        consents[text] = parsed = Codes.ParseSet<Purpose>(text);
                    }

                    consent = parsed;
                }

                of.Acknowledgements.Add(new Acknowledgement(notice, TypeHandlers.ToUtc(r.GetValue(2)), consent));
            }
        }

        foreach (var o in await connection.QueryAsync<(string WorkerId, string ProgramId, DateTime At, string Scope)>(sql["OptOut_ReadForScan"], p))
        {
            if (s.Workers.TryGetValue(o.WorkerId, out var worker))
            {
                worker.OptOuts.Add(new OptOutRecord(o.ProgramId, o.At, Codes.Parse<OptOutScope>(o.Scope)));
            }
        }

        foreach (var d in await connection.QueryAsync<(long Id, string Namespace, string Name, string Kind, bool Commercial)>(sql["Dataset_ReadForScan"], p))
        {
            s.Datasets[d.Id] = new DatasetInfo(d.Id, d.Namespace, d.Name, Codes.Parse<DatasetKind>(d.Kind), d.Commercial);
        }

        foreach (var e in await connection.QueryAsync<(long Source, long Target, string JobNamespace, string JobName, string Transform, DateTime First, DateTime Last)>(sql["LineageEdge_ReadForScan"], p))
        {
            // What was seen after the as-of day did not exist yet for this scan.
            var last = e.Last >= s.Cutoff ? s.Cutoff.AddSeconds(-1) : e.Last;
            s.Edges.Add(new EdgeInfo(e.Source, e.Target, e.JobNamespace, e.JobName, Codes.Parse<TransformKind>(e.Transform), e.First, last));
        }

        foreach (var a in await connection.QueryAsync<(string Id, string WorkerId, string ProgramId, string Kind, decimal Amount, string Currency, DateOnly From, DateOnly? To)>(sql["CompensationAgreement_ReadForScan"], p))
        {
            if (s.Workers.TryGetValue(a.WorkerId, out var worker))
            {
                worker.Agreements.Add(new AgreementInfo(a.Id, a.ProgramId, Codes.Parse<CompensationKind>(a.Kind), a.From, a.To));
            }
        }

        foreach (var e in await connection.QueryAsync<(string Id, string Kind, DateOnly Announced, DateOnly? Effective, long? Affected, string? Description)>(sql["WorkforceEvent_ReadForScan"], p))
        {
            s.WorkforceEvents.Add(new WorkforceEventInfo(e.Id, Codes.Parse<WorkforceEventKind>(e.Kind), e.Announced, e.Effective, e.Description));
        }

        foreach (var purge in await connection.QueryAsync<(long DatasetId, DateOnly PurgedOn, string Reference, string? Note)>(sql["DatasetPurge_ReadForScan"], p))
        {
            if (!s.Purges.TryGetValue(purge.DatasetId, out var purges))
            {
                s.Purges[purge.DatasetId] = purges = [];
            }

            purges.Add(new DatasetPurgeInfo(purge.DatasetId, purge.PurgedOn, purge.Reference, purge.Note));
        }

        return s;
    }

    /// <summary>The worker with this id, trying the last one found first (rows ordered by worker repeat it).</summary>
    /// <summary>
    /// Only what the notices are judged against (programs, tools, configs, notices and their texts), without the workers:
    /// what the disclosures review reads, cheap at any size of workforce.
    /// </summary>
    public static async Task<ScanSnapshot> ReadNoticesAsync(Database database, DbConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        var s = new ScanSnapshot(asOf);
        await ReadNoticeFactsAsync(s, database.Sql, connection, new { AsOf = asOf, s.Cutoff }, cancellationToken);
        return s;
    }

    private static async Task<Dictionary<string, NoticeInfo>> ReadNoticeFactsAsync(ScanSnapshot s, SqlFiles sql, DbConnection connection, object p, CancellationToken cancellationToken)
    {
        var asOf = s.AsOf;
        foreach (var r in await connection.QueryAsync<(string Id, string Name, string Purpose, bool EuExempt, string? Rationale, string OptOut, string? OptOutDescription, string? Compensation)>(sql["Program_ReadForScan"], p))
        {
            s.Programs[r.Id] = new ProgramInfo(r.Id, r.Name, r.Purpose, r.EuExempt, r.Rationale, Codes.Parse<OptOutMechanism>(r.OptOut), r.OptOutDescription, r.Compensation);
        }

        foreach (var t in await connection.QueryAsync<(string ToolId, string Name, string? Vendor)>(sql["CaptureTool_ReadForScan"], p))
        {
            s.ToolNames[t.ToolId] = t.Name;
        }

        foreach (var c in await connection.QueryAsync<(string Tool, string Version, string? Program, DateOnly From, DateOnly? To, string Caps, long? Interval, string Purposes, string? Included, string? Excluded)>(sql["CaptureConfig_ReadForScan"], p))
        {
            // In force up to the earlier of its end and the as-of day: an end still to come is not known yet.
            s.Configs[(c.Tool, c.Version)] = new ConfigInfo(
                c.Tool, c.Version, c.Program, c.From, c.To is { } to && to > asOf ? null : c.To, Codes.ParseSet<Capability>(c.Caps), (int?)c.Interval, Codes.ParseSet<Purpose>(c.Purposes),
                Codes.Split(c.Included).ToHashSet(StringComparer.Ordinal), Codes.Split(c.Excluded).ToHashSet(StringComparer.Ordinal),
                InForce: c.To is null || c.To >= asOf);
        }

        var notices = new Dictionary<string, NoticeInfo>(StringComparer.Ordinal);
        foreach (var n in await connection.QueryAsync<(string Id, string? Tool, string? Program, string Version, DateOnly Published, string Purposes, string Caps, bool OptOut)>(sql["Notice_ReadForScan"], p))
        {
            var notice = new NoticeInfo(n.Id, n.Tool, n.Program, n.Version, n.Published, Codes.ParseSet<Purpose>(n.Purposes), Codes.ParseSet<Capability>(n.Caps), n.OptOut);
            notices[n.Id] = notice;
            s.Notices.Add(notice);
        }

        // The notices' texts, paragraph by paragraph (ordered by notice, then number).
        var paragraphs = new List<NoticeParagraph>();
        (string Id, string Sha, string File, DateTime At)? current = null;
        void Flush()
        {
            if (current is { } c && notices.ContainsKey(c.Id))
            {
                s.NoticeTexts[c.Id] = new NoticeTextInfo(c.Id, c.Sha, c.File, c.At, paragraphs.ToArray());
            }

            paragraphs.Clear();
        }

        await using (var r = await connection.ExecuteReaderAsync(sql["NoticeText_ReadForScan"], p))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                var id = r.GetString(0);
                if (current?.Id != id)
                {
                    Flush();
                    current = (id, r.GetString(1), r.GetString(2), TypeHandlers.ToUtc(r.GetValue(3)));
                }

                paragraphs.Add(new NoticeParagraph(Convert.ToInt32(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture), r.GetString(5)));
            }
        }

        Flush();

        return notices;
    }

    private static WorkerInfo? WorkerOf(ScanSnapshot snapshot, string workerId, ref WorkerInfo? last)
    {
        if (last is not null && last.WorkerId == workerId)
        {
            return last;
        }

        last = snapshot.Workers.GetValueOrDefault(workerId);
        return last;
    }
}
