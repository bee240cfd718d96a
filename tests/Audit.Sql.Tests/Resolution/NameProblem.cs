namespace Audit.Sql.Tests.Resolution;

/// <summary>A name in a T-SQL script that does not resolve, at the 1-based line and column where it starts.</summary>
public sealed record NameProblem(int Line, int Column, string Message)
{
    public string Format(string file) => $"{file}:{Line}:{Column}: {Message}";

    public override string ToString() => $"{Line}:{Column}: {Message}";
}
