namespace Audit.Service.Tests.SqlServer;

/// <summary>
/// A fact that needs a real SQL Server: it runs when AUDIT_TEST_SQLSERVER holds a connection string and shows
/// as skipped, with the reason, when it does not, so an unconfigured run never passes silently.
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

    public static string? ConnectionString => Environment.GetEnvironmentVariable(VariableName);
}
