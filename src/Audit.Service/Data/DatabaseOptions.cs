namespace Audit.Service.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Where the audit data lives. Bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, a file under ./data by default so a new user needs no server.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/audit.db";
}
