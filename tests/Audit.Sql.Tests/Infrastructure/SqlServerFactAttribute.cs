namespace Audit.Sql.Tests.Infrastructure;

/// <summary>
/// A fact that needs a real SQL Server: it runs when AUDIT_TEST_SQLSERVER holds a connection string and shows
/// as skipped, with the reason, when it does not, so an unconfigured run never passes silently.
/// Self-contained on purpose: copy this file into any test project that needs it (change the namespace).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string VariableName = "AUDIT_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"set {VariableName} to a SQL Server connection string to run";
        }
    }

    /// <summary>The connection string from the environment, or null when SQL Server tests are not configured.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(VariableName);
}
