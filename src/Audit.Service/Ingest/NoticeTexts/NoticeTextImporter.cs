using System.Globalization;
using System.Security.Cryptography;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Ingest.NoticeTexts;

/// <summary>What one file of an import did: a new text, a replacement, or the same text again.</summary>
public sealed record NoticeTextImported(string NoticeId, string FileName, string Sha256, int Paragraphs, string Outcome);

/// <summary>
/// Imports notice texts (a folder of files, or one file), each file named after its notice id, all or nothing: every
/// file is read and checked before anything is written, and a single bad file (an unknown notice, a format that does
/// not parse, a second file for one notice, a different text where one is already held without <c>--replace</c>)
/// rejects the lot, each problem named by file. Texts are evidence: a replacement marks the old text superseded and
/// keeps it; the same file again changes nothing.
/// </summary>
public sealed class NoticeTextImporter(Database database, AuditLog auditLog)
{
    /// <summary>The clock the import stamps texts with (tests set it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public const string Kind = "notice-texts";

    /// <summary>Larger than any handbook; a bigger file is refused before it is read.</summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public async Task<IReadOnlyList<NoticeTextImported>> ImportAsync(string path, bool replace, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var files = FilesOf(path, problems);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var notices = (await connection.QueryAsync<string>(database.Sql["Notice_ListIds"], transaction: transaction)).ToList();
        var known = notices.ToHashSet(StringComparer.Ordinal);
        var byCase = notices.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var current = (await connection.QueryAsync<(long Id, string NoticeId, string Sha256, string FileName, DateTime ImportedAt)>(database.Sql["NoticeText_ListCurrent"], transaction: transaction))
            .ToDictionary(t => t.NoticeId, StringComparer.Ordinal);

        var read = new List<(string NoticeId, string File, string Format, string Sha256, IReadOnlyList<string> Paragraphs)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var noticeId = Path.GetFileNameWithoutExtension(file);
            if (!known.Contains(noticeId))
            {
                problems.Add(byCase.TryGetValue(noticeId, out var stored)
                    ? $"{name}: '{noticeId}' differs only by case from the notice '{stored}': name the file {stored}{Path.GetExtension(file)}"
                    : $"{name}: no notice '{noticeId}': a file is named after the notice id it is the text of (import notices first)");
                continue;
            }

            if (!seen.TryAdd(noticeId, name))
            {
                problems.Add($"{name}: a second text for {noticeId} (also {seen[noticeId]}): one file per notice");
                continue;
            }

            var length = new FileInfo(file).Length;
            if (length > MaxFileBytes)
            {
                problems.Add($"{name}: {length:N0} bytes is larger than a notice text may be ({MaxFileBytes:N0})".ToString(CultureInfo.InvariantCulture));
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            IReadOnlyList<string> paragraphs;
            try
            {
                paragraphs = NoticeTextFormats.Paragraphs(file, bytes);
            }
            catch (NoticeTextFormatException e)
            {
                problems.Add($"{name}: {e.Message}");
                continue;
            }

            if (current.TryGetValue(noticeId, out var held) && held.Sha256 != sha && !replace)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {noticeId} already has a different text (SHA-256 {held.Sha256[..12]}…, from {held.FileName}, imported {held.ImportedAt:yyyy-MM-dd HH:mm} UTC); pass --replace to supersede it (the old text stays in history)"));
                continue;
            }

            read.Add((noticeId, name, NoticeTextFormats.FormatOf(file), sha, paragraphs));
        }

        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new ImportRejectedException($"{Kind} {Path.GetFileName(Path.TrimEndingDirectorySeparator(path))}: rejected, nothing was imported ({problems.Count} error{(problems.Count == 1 ? string.Empty : "s")})"
                + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        var now = Clock.GetUtcNow().UtcDateTime;
        var by = actor ?? AuditActor.CommandLine;
        var results = new List<NoticeTextImported>();
        foreach (var text in read)
        {
            var replaces = current.TryGetValue(text.NoticeId, out var held) ? held : ((long Id, string NoticeId, string Sha256, string FileName, DateTime ImportedAt)?)null;
            if (replaces is { } same && same.Sha256 == text.Sha256)
            {
                results.Add(new NoticeTextImported(text.NoticeId, text.File, text.Sha256, text.Paragraphs.Count, "unchanged"));
                continue;
            }

            if (replaces is { } old)
            {
                await connection.ExecuteAsync(database.Sql["NoticeText_Supersede"], new { NoticeTextId = old.Id, At = now }, transaction);
            }

            var id = await connection.ExecuteScalarAsync<long>(database.Sql["NoticeText_Insert"],
                new { text.NoticeId, text.Sha256, FileName = text.File, text.Format, Paragraphs = text.Paragraphs.Count, ImportedAt = now, ImportedBy = by.Name }, transaction);
            await connection.ExecuteAsync(database.Sql["NoticeParagraph_Insert"],
                text.Paragraphs.Select((p, i) => new { NoticeTextId = id, Number = i + 1, Text = p }), transaction);
            var outcome = replaces is null ? "new" : "replaced";
            await auditLog.AppendAsync(connection, transaction, new AuditEntry(by.Name, by.Role, AuditActions.Import, $"{Kind} {text.NoticeId}",
                string.Create(CultureInfo.InvariantCulture, $"{text.File}: {text.Paragraphs.Count} paragraphs, {outcome}{(replaces is { } r ? $" (superseded SHA-256 {r.Sha256})" : string.Empty)}"), by.Request, text.Sha256));
            results.Add(new NoticeTextImported(text.NoticeId, text.File, text.Sha256, text.Paragraphs.Count, outcome));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>The files of a folder (not its subfolders; hidden files skipped), or the one file; every other name is a problem.</summary>
    private static List<string> FilesOf(string path, List<string> problems)
    {
        if (File.Exists(path))
        {
            return Known(path, problems) ? [path] : [];
        }

        if (!Directory.Exists(path))
        {
            throw new ImportRejectedException($"{Kind} {path}: no such file or folder; nothing was imported");
        }

        var files = Directory.EnumerateFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new ImportRejectedException($"{Kind} {path}: the folder holds no files; expected one per notice ({string.Join(", ", NoticeTextFormats.Extensions)}), named after its notice id");
        }

        return [.. files.Where(f => Known(f, problems))];
    }

    private static bool Known(string file, List<string> problems)
    {
        if (NoticeTextFormats.Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
        {
            return true;
        }

        problems.Add($"{Path.GetFileName(file)}: not a notice format: expected one of {string.Join(", ", NoticeTextFormats.Extensions)}");
        return false;
    }
}
