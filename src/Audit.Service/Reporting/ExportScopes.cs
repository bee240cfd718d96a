using System.Globalization;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Rules;
using Dapper;

namespace Audit.Service.Reporting;

/// <summary>The parts of counsel's export scope, so a problem is shown next to the field (page), named as the option (CLI) or the JSON property (API).</summary>
public enum ExportScopeField
{
    Matter,
    Workers,
    Dataset,
    Model,
    From,
    To,
}

/// <summary>Why a scope is refused, tied to the field that caused it. The reason names other fields as {from} and {to}.</summary>
public sealed record ScopeProblem(ExportScopeField Field, string Reason)
{
    public string ForCli => Describe(CliName);

    public string ForApi => Describe(ApiName);

    /// <summary>The reason alone, fields named as the page labels them.</summary>
    public string ForPage => Fill(PageName);

    public static string CliName(ExportScopeField field) => field switch
    {
        ExportScopeField.Matter => "--matter",
        ExportScopeField.Workers => "--worker",
        _ => "--" + field.ToString().ToLowerInvariant(),
    };

    public static string ApiName(ExportScopeField field) => field switch
    {
        ExportScopeField.Matter => "matterId",
        ExportScopeField.Workers => "workerIds",
        _ => field.ToString().ToLowerInvariant(),
    };

    private static string PageName(ExportScopeField field) => field switch
    {
        ExportScopeField.From => "the first day",
        ExportScopeField.To => "the last day",
        _ => field.ToString().ToLowerInvariant(),
    };

    private string Describe(Func<ExportScopeField, string> name) => $"{name(Field)}: {Fill(name)}";

    private string Fill(Func<ExportScopeField, string> name) =>
        Reason.Replace("{from}", name(ExportScopeField.From), StringComparison.Ordinal).Replace("{to}", name(ExportScopeField.To), StringComparison.Ordinal);
}

/// <summary>
/// Counsel's export scope, read one way for the CLI, the API and the page: the text as typed, then the names
/// against the data. A name the data does not hold is refused, never dropped: a typo must not widen an export
/// to every worker or every dataset, nor silently empty it.
/// </summary>
public static class ExportScopes
{
    public const string DayFormat = "yyyy-MM-dd";

    public const int MaxMatterLength = 64;

    /// <summary>
    /// A matter id names a folder under the export root, so it may hold only ASCII letters, digits, '-', '_' and '.',
    /// never '..' nor a separator: no id can point outside that root (or at it).
    /// </summary>
    public static bool IsMatterId(string matter) =>
        matter.Length is > 0 and <= MaxMatterLength
        && matter.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
        && !matter.Contains("..", StringComparison.Ordinal)
        && matter != ".";

    private static string Clip(string value) => value.Length <= 80 ? value : value[..80] + "...";

    /// <summary>The request the text asks for, or the problems with it (each naming its field).</summary>
    public static (LineageExportRequest? Request, IReadOnlyList<ScopeProblem> Problems) Parse(
        string? matter, IReadOnlyList<string>? workers, string? dataset, string? model, string? from, string? to)
    {
        var problems = new List<ScopeProblem>();
        if (string.IsNullOrWhiteSpace(matter))
        {
            problems.Add(new(ExportScopeField.Matter, "give the matter this export is for, e.g. 2026-CV-0113."));
        }
        else if (!IsMatterId(matter.Trim()))
        {
            problems.Add(new(ExportScopeField.Matter, $"'{Clip(matter.Trim())}' is not a matter id: 1 to {MaxMatterLength} letters, digits, '-', '_' or '.', without '..' (it names the export's folder)."));
        }

        if (workers?.Any(string.IsNullOrWhiteSpace) == true)
        {
            problems.Add(new(ExportScopeField.Workers, "an empty worker id; leave the list out to include every worker."));
        }

        var fromDay = Day(ExportScopeField.From, from, problems);
        var toDay = Day(ExportScopeField.To, to, problems);
        if (fromDay > toDay)
        {
            problems.Add(new(ExportScopeField.From, $"{from} is after {{to}} {to}: the range is empty."));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new LineageExportRequest(
            matter!.Trim(),
            (workers ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            string.IsNullOrWhiteSpace(dataset) ? null : dataset.Trim(),
            string.IsNullOrWhiteSpace(model) ? null : model.Trim(),
            fromDay is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            toDay is { } t ? new DateTimeOffset(t.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : null), []);
    }

    /// <summary>
    /// Problems with the names a request gives: workers the data does not hold (ids are case-sensitive), a
    /// dataset or model that is not there, a dataset name found in several namespaces.
    /// </summary>
    public static IReadOnlyList<ScopeProblem> Check(LineageExportRequest request, Func<string, bool> isWorker, IReadOnlyCollection<DatasetInfo> datasets)
    {
        var problems = new List<ScopeProblem>();
        if (request.From is { } from && request.To is { } to && from > to)
        {
            problems.Add(new(ExportScopeField.From, $"{from:yyyy-MM-dd} is after {{to}} {to:yyyy-MM-dd}: the range is empty."));
        }

        var unknown = request.WorkerIds.Where(id => !isWorker(id)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add(new(ExportScopeField.Workers, $"no worker {string.Join(", ", unknown.Select(id => $"'{id}'"))} in the data (ids are case-sensitive)."));
        }

        if (request.Dataset is { } dataset && Resolve(ExportScopeField.Dataset, "dataset", dataset, datasets) is { } d)
        {
            problems.Add(d);
        }

        if (request.Model is { } model && Resolve(ExportScopeField.Model, "model", model, datasets.Where(x => x.Kind == DatasetKind.Model).ToList()) is { } m)
        {
            problems.Add(m);
        }

        return problems;
    }

    /// <summary><see cref="Check"/> against the database as it is now (a request made on the page or the API, before it is queued).</summary>
    public static async Task<IReadOnlyList<ScopeProblem>> CheckAsync(Database database, LineageExportRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in request.WorkerIds.Chunk(500))
        {
            // Dapper expands the list. A server collation may match another case; the ordinal set below decides.
            known.UnionWith(await connection.QueryAsync<string>("SELECT WorkerId FROM Worker WHERE WorkerId IN @Ids", new { Ids = chunk }));
        }

        var datasets = (await connection.QueryAsync<(long Id, string Namespace, string Name, string Kind, bool Commercial)>(database.Sql["Dataset_ReadForScan"]))
            .Select(d => new DatasetInfo(d.Id, d.Namespace, d.Name, Codes.Parse<DatasetKind>(d.Kind), d.Commercial))
            .ToList();
        return Check(request, known.Contains, datasets);
    }

    /// <summary>Whether counsel's text names this dataset: its name, or namespace/name.</summary>
    public static bool Names(string? wanted, DatasetInfo dataset) =>
        wanted is not null && (wanted == dataset.Name || wanted == $"{dataset.Namespace}/{dataset.Name}");

    private static DateOnly? Day(ExportScopeField field, string? text, List<ScopeProblem> problems)
    {
        if (Days.TryReadOptional(text, out var day))
        {
            return day;
        }

        problems.Add(new(field, $"'{text}' is not a date (yyyy-MM-dd)."));
        return null;
    }

    private static ScopeProblem? Resolve(ExportScopeField field, string what, string wanted, IReadOnlyCollection<DatasetInfo> candidates)
    {
        var matches = candidates.Where(d => Names(wanted, d)).ToList();
        if (matches.Count == 0)
        {
            return new(field, $"no {what} '{wanted}' in the data (give its name, or namespace/name).");
        }

        return matches.Count > 1 && !wanted.Contains('/', StringComparison.Ordinal)
            ? new(field, $"'{wanted}' names {matches.Count} {what}s; give one as namespace/name: {string.Join(", ", matches.Select(d => $"{d.Namespace}/{d.Name}").Order(StringComparer.Ordinal))}.")
            : null;
    }
}
