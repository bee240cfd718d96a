namespace Audit.Sql.Tests;

/// <summary>
/// The repository's sql/ folder as the build copies it next to the test assembly. Paths handed to tests are
/// relative to that folder with '/' separators, e.g. "sqlserver/migrations/2026-11-25_01_Initial.sql".
/// </summary>
public static class SqlFiles
{
    public const string Sqlite = "sqlite";
    public const string SqlServer = "sqlserver";

    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "sql");

    /// <summary>Every file under sql/{dialect}/, relative to that folder ("migrations/x.sql"), in ordinal order.</summary>
    public static IReadOnlyList<string> RelativeNames(string dialect)
    {
        var folder = Path.Combine(Root, dialect);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>sql/{dialect}/migrations/*.sql in the order they are applied: by name.</summary>
    public static IReadOnlyList<string> Migrations(string dialect) => InFolder(dialect, "migrations");

    public static IReadOnlyList<string> Queries(string dialect) => InFolder(dialect, "queries");

    /// <summary>Every .sql file of a dialect: migrations first, in order, then queries.</summary>
    public static IReadOnlyList<string> All(string dialect) => [.. Migrations(dialect), .. Queries(dialect)];

    public static string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    public static TheoryData<string> AllSqlServer() => [.. All(SqlServer)];

    public static TheoryData<string> AllSqlite() => [.. All(Sqlite)];

    private static IReadOnlyList<string> InFolder(string dialect, string folder) =>
        [.. RelativeNames(dialect)
            .Where(n => n.StartsWith(folder + "/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => dialect + "/" + n)];
}
