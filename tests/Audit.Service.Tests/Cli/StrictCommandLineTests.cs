using System.Xml.Linq;

namespace Audit.Service.Tests.Cli;

/// <summary>
/// Every verb registered in the command tree, present or added later, refuses what it does not understand:
/// an unknown option, a surplus argument, an option without its value, a value that does not parse. Each exits 64 with one line naming the
/// culprit, writes no file and leaves the database as it was. The verbs are read from the tree itself.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class StrictCommandLineTests : IDisposable
{
    /// <summary>A value of the right form for a required argument, so only the case under test is wrong.</summary>
    private static readonly Dictionary<string, string> ValidArguments = new(StringComparer.Ordinal)
    {
        ["kind"] = "workers",
        ["file"] = "workers.csv",
        ["monthly|board|export"] = "monthly",
    };

    /// <summary>Malformed values by the form an option declares (its value name) or its type.</summary>
    private static readonly Dictionary<string, string> MalformedByForm = new(StringComparer.Ordinal)
    {
        ["DATE"] = "2026-02-30",
        ["YYYY-MM"] = "2026-13",
        ["YYYYQn"] = "2026Q5",
        ["System.Int32"] = "abc",
        ["System.Int64"] = "abc",
        ["System.Decimal"] = "1,5x",
    };

    /// <summary>Malformed values of positional arguments, and the word the refusal must name.</summary>
    private static readonly Dictionary<string, string> MalformedArguments = new(StringComparer.Ordinal)
    {
        ["kind"] = "nosuchkind",
        ["monthly|board|export"] = "weekly",
    };

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var verb in Verbs(CliRunner.Model().Root!, []))
        {
            var prefix = string.Join(' ', verb.Path.Concat(verb.RequiredArguments).Concat(verb.RequiredOptions));
            var name = string.Join(' ', verb.Path);
            cases.Add(name, "unknown option", $"{prefix} --no-such-option 1|--no-such-option");
            cases.Add(name, "surplus argument", $"{prefix} surplus-word|surplus-word");
            foreach (var option in verb.ValueOptions)
            {
                cases.Add(name, $"{option} without its value", $"{prefix} {option}|{option}: a value is required");
            }

            foreach (var (option, bad) in verb.MalformedOptions)
            {
                cases.Add(name, $"malformed {option}", $"{prefix} {option} {bad}|{option}");
            }

            foreach (var (position, bad) in verb.MalformedArguments)
            {
                var args = verb.RequiredArguments.ToArray();
                args[position] = bad;
                cases.Add(name, $"malformed argument {position}", $"{string.Join(' ', verb.Path.Concat(args).Concat(verb.RequiredOptions))}|{bad}");
            }
        }

        return cases;
    }

    [Fact]
    public void CommandTree_ListsTheVerbsOfTheReadme()
    {
        var verbs = Verbs(CliRunner.Model().Root!, []).Select(v => string.Join(' ', v.Path)).ToList();

        Assert.Superset(
            new HashSet<string>(["demo", "migrate", "seed", "import", "scan", "report monthly", "report board", "export lineage", "serve", "bench seed"], StringComparer.Ordinal),
            verbs.ToHashSet(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verb_ArgumentItDoesNotUnderstand_Exits64NamingItAndChangesNothing(string verb, string @case, string commandAndCulprit)
    {
        var parts = commandAndCulprit.Split('|');
        var args = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await _db.ImportCsvAsync(Audit.Service.Ingest.ImportSpecs.Workers, Given.WorkersHeader, "W1,Ada,employee,2020-01-01,,");
        var before = await _db.FingerprintAsync();
        var filesBefore = Files();

        var run = await CliRunner.RunAsync(
            new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = _db.ConnectionString,
                ["Audit:OutputPath"] = _db.Files.File("out"),
            },
            args);

        Assert.True(run.ExitCode == 64, $"{verb} / {@case}: {run}");
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(parts[1], line, StringComparison.Ordinal);
        Assert.Equal(filesBefore, Files());
        Assert.Equal(before, await _db.FingerprintAsync());
    }

    /// <summary>Files in the test's folder and in the places verbs write by default (./data, ./out), SQLite's journals aside.</summary>
    private List<string> Files() =>
        new[] { _db.Files.Path, Path.GetFullPath("data"), Path.GetFullPath("out") }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFileSystemEntries(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private sealed record Verb(
        IReadOnlyList<string> Path,
        IReadOnlyList<string> RequiredArguments,
        IReadOnlyList<string> RequiredOptions,
        IReadOnlyList<string> ValueOptions,
        IReadOnlyList<(string Option, string Value)> MalformedOptions,
        IReadOnlyList<(int Position, string Value)> MalformedArguments);

    private static IEnumerable<Verb> Verbs(XElement parent, IReadOnlyList<string> path)
    {
        foreach (var command in parent.Elements("Command"))
        {
            var here = path.Append((string)command.Attribute("Name")!).ToList();
            if ((string?)command.Attribute("IsBranch") == "true")
            {
                foreach (var verb in Verbs(command, here))
                {
                    yield return verb;
                }

                continue;
            }

            var parameters = command.Element("Parameters")?.Elements().ToList() ?? [];
            var arguments = parameters.Where(p => p.Name == "Argument" && (string?)p.Attribute("Required") == "true")
                .OrderBy(p => (int)p.Attribute("Position")!)
                .Select(p => (string)p.Attribute("Name")!)
                .ToList();
            var options = parameters.Where(p => p.Name == "Option").ToList();
            var valueOptions = options.Where(o => (string?)o.Attribute("Value") is { Length: > 0 } value && value != "NULL").ToList();
            var requiredOptions = options.Where(o => (string?)o.Attribute("Required") == "true")
                .SelectMany(o => new[] { "--" + (string)o.Attribute("Long")!, "X" })
                .ToList();
            var malformed = valueOptions
                .Select(o => ("--" + (string)o.Attribute("Long")!, MalformedByForm.GetValueOrDefault((string)o.Attribute("Value")!) ?? MalformedByForm.GetValueOrDefault((string)o.Attribute("ClrType")!)))
                .Where(o => o.Item2 is not null)
                .Select(o => (o.Item1, o.Item2!))
                .ToList();
            yield return new Verb(
                here,
                arguments.Select(a => ValidArguments.GetValueOrDefault(a, "x")).ToList(),
                requiredOptions,
                valueOptions.Select(o => "--" + (string)o.Attribute("Long")!).ToList(),
                malformed,
                arguments.Select((a, i) => (i, MalformedArguments.GetValueOrDefault(a))).Where(a => a.Item2 is not null).Select(a => (a.i, a.Item2!)).ToList());
        }
    }
}
