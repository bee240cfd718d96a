using System.Data.Common;
using Dapper;

namespace Audit.Service.Ingest;

[Flags]
public enum ReferenceKinds
{
    None = 0,
    Workers = 1,
    Programs = 2,
    Tools = 4,
    Configs = 8,
    Notices = 16,
    Datasets = 32,
}

/// <summary>
/// The keys an import file may refer to, read once before the file so each row is checked in memory
/// (a hundred thousand worker ids is a few megabytes; a query per row would be far slower).
/// </summary>
public sealed class ReferenceData
{
    public HashSet<string> Workers { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Programs { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Tools { get; } = new(StringComparer.Ordinal);

    public HashSet<(string Tool, string Version)> Configs { get; } = [];

    public HashSet<string> Notices { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Namespace, string Name), long> Datasets { get; } = [];

    public static async Task<ReferenceData> LoadAsync(DbConnection connection, DbTransaction transaction, ReferenceKinds kinds)
    {
        var data = new ReferenceData();
        if (kinds.HasFlag(ReferenceKinds.Workers))
        {
            data.Workers.UnionWith(await connection.QueryAsync<string>("SELECT WorkerId FROM Worker", transaction: transaction));
        }

        if (kinds.HasFlag(ReferenceKinds.Programs))
        {
            data.Programs.UnionWith(await connection.QueryAsync<string>("SELECT ProgramId FROM Program", transaction: transaction));
        }

        if (kinds.HasFlag(ReferenceKinds.Tools))
        {
            data.Tools.UnionWith(await connection.QueryAsync<string>("SELECT ToolId FROM CaptureTool", transaction: transaction));
        }

        if (kinds.HasFlag(ReferenceKinds.Configs))
        {
            var rows = await connection.QueryAsync<(string, string)>("SELECT ToolId, Version FROM CaptureConfig", transaction: transaction);
            data.Configs.UnionWith(rows);
        }

        if (kinds.HasFlag(ReferenceKinds.Notices))
        {
            data.Notices.UnionWith(await connection.QueryAsync<string>("SELECT NoticeId FROM Notice", transaction: transaction));
        }

        if (kinds.HasFlag(ReferenceKinds.Datasets))
        {
            var rows = await connection.QueryAsync<(long, string, string)>("SELECT DatasetId, Namespace, Name FROM Dataset", transaction: transaction);
            foreach (var (id, ns, name) in rows)
            {
                data.Datasets[(ns, name)] = id;
            }
        }

        return data;
    }
}
