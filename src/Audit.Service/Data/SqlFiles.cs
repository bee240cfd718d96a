using System.Collections.Concurrent;
using System.Reflection;

namespace Audit.Service.Data;

/// <summary>
/// Loads the embedded <c>sql/{dialect}/queries/*.sql</c> files by name. A missing name is a programming
/// error, so it throws at once rather than sending an empty command to the database.
/// </summary>
public sealed class SqlFiles
{
    private static readonly Assembly Source = typeof(SqlFiles).Assembly;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public SqlFiles(DatabaseProvider provider)
    {
        Provider = provider;
    }

    public DatabaseProvider Provider { get; }

    public static string FolderOf(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.SqlServer => "sqlserver",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>The text of <c>sql/{dialect}/queries/{name}.sql</c>.</summary>
    public string this[string name] => _cache.GetOrAdd(name, Load);

    /// <summary>The names of this dialect's query files, in order.</summary>
    public IReadOnlyList<string> QueryNames()
    {
        var prefix = $"sql/{FolderOf(Provider)}/queries/";
        return Source.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..^".sql".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<string> MigrationResourceNames(DatabaseProvider provider)
    {
        var prefix = $"sql/{FolderOf(provider)}/migrations/";
        return Source.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static string ReadResource(string resourceName)
    {
        using var stream = Source.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded SQL '{resourceName}' is missing from {Source.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private string Load(string name) => ReadResource($"sql/{FolderOf(Provider)}/queries/{name}.sql");
}
