namespace Audit.Service.Configuration;

/// <summary>
/// How the user runs this program, so a message that names a command names it as they would type it: from a source
/// checkout (the program sits in the project's <c>bin/&lt;configuration&gt;/&lt;framework&gt;</c> folder, which is where
/// `dotnet run --project src/Audit.Service` puts it) as <c>dotnet run --project &lt;path&gt; --</c>, relative to the
/// working directory; otherwise as <c>audit</c>, the name the README and the published program use.
/// </summary>
public static class Invocation
{
    private const string ProjectFile = "Audit.Service.csproj";

    public static string Prefix { get; } = Detect(AppContext.BaseDirectory, Environment.CurrentDirectory);

    /// <summary>The command line for <paramref name="arguments"/> (e.g. <c>scan --as-of 2026-10-31</c>).</summary>
    public static string Command(string arguments) => $"{Prefix} {arguments}";

    public static string Detect(string baseDirectory, string currentDirectory)
    {
        var project = Path.GetFullPath(Path.Combine(baseDirectory, "..", "..", ".."));
        if (!File.Exists(Path.Combine(project, ProjectFile)))
        {
            return "audit";
        }

        var relative = Path.GetRelativePath(currentDirectory, project);
        if (relative.Contains(' ', StringComparison.Ordinal))
        {
            relative = $"\"{relative}\"";
        }

        return $"dotnet run --project {relative} --";
    }
}
