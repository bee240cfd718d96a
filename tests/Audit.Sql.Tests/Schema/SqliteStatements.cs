using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Audit.Sql.Tests.Schema;

/// <summary>
/// Compiles SQLite scripts statement by statement with sqlite3_prepare_v2, which checks every table and column
/// name without running the statement. DDL is run so later statements see what it created; nothing else runs, so
/// unbound parameters (NULL) never meet a NOT NULL constraint.
/// </summary>
public static partial class SqliteStatements
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> TempTablesLazy = new(CollectTempTables);

    /// <summary>
    /// CREATE TEMP TABLE statements of every SQLite query file, by table name: a file that fills or merges from a
    /// staging table another file creates gets that table before it is compiled.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TempTables => TempTablesLazy.Value;

    /// <summary>Problems as "line: message", the line being where the failing statement starts.</summary>
    public static IReadOnlyList<string> Compile(SqliteConnection connection, string sql, IReadOnlyDictionary<string, string>? tempTables = null)
    {
        var problems = new List<string>();
        var created = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var remaining = sql;
        while (!string.IsNullOrWhiteSpace(remaining))
        {
            var line = 1 + sql[..(sql.Length - remaining.Length)].Count(c => c == '\n') + LeadingBlankLines(remaining);
            var rc = raw.sqlite3_prepare_v2(connection.Handle, remaining, out var statement, out var tail);
            using (statement)
            {
                if (rc != raw.SQLITE_OK)
                {
                    var message = raw.sqlite3_errmsg(connection.Handle).utf8_to_string();
                    if (NoSuchTable().Match(message) is { Success: true } missing
                        && tempTables?.GetValueOrDefault(missing.Groups[1].Value) is { } create
                        && created.Add(missing.Groups[1].Value))
                    {
                        Execute(connection, create);
                        continue;
                    }

                    // The tail is not reliable after an error: report the first and stop.
                    problems.Add($"{line}: {message}");
                    break;
                }

                // A trailing comment compiles to no statement.
                if (statement is null || statement.IsInvalid)
                {
                    break;
                }

                if (raw.sqlite3_stmt_readonly(statement) == 0 && IsDdl().IsMatch(remaining))
                {
                    rc = raw.sqlite3_step(statement);
                    if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
                    {
                        problems.Add($"{line}: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}");
                    }
                }
            }

            remaining = tail;
        }

        return problems;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Newlines in the whitespace and comments before the statement's first token.</summary>
    private static int LeadingBlankLines(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text.AsSpan(i).StartsWith("--"))
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
            }
            else if (text.AsSpan(i).StartsWith("/*"))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return text[..i].Count(c => c == '\n');
    }

    private static Dictionary<string, string> CollectTempTables()
    {
        var tables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in SqlFiles.Queries(SqlFiles.Sqlite))
        {
            using var connection = SqliteSchema.OpenMigrated();
            Compile(connection, SqlFiles.Read(file));
            foreach (var (name, sql) in connection.Query<(string, string)>("SELECT name, sql FROM temp.sqlite_schema WHERE type = 'table'"))
            {
                tables.TryAdd(name, sql.Replace("CREATE TABLE", "CREATE TEMP TABLE", StringComparison.OrdinalIgnoreCase));
            }
        }

        return tables;
    }

    [GeneratedRegex(@"^no such table: (?:temp\.)?(\w+)$")]
    private static partial Regex NoSuchTable();

    [GeneratedRegex(@"\A(?:\s|--[^\n]*\n|/\*.*?\*/)*(?:CREATE|DROP|ALTER)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex IsDdl();
}
