using Audit.Service.Cli;
using Audit.Service.Data;
using Audit.Service.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.Tests.Cli;

/// <summary>keys, users and audit-log verbs, run in-process the way Program.cs wires them.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class SecurityCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task KeysCreate_PrintsTheKeyAloneOnItsOwnLine_AndItWorks()
    {
        var run = await RunAsync(null, "keys", "create", "--role", "ingest", "--name", "airflow");

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^audit_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", line.TrimEnd('\r'));
        Assert.Contains("shown once", run.Error, StringComparison.Ordinal);
        Assert.Equal(new Caller("airflow", Role.Ingest), await new ApiKeyValidator(Database()).ValidateAsync(line.TrimEnd('\r')));
    }

    [Fact]
    public async Task UsersDisableEnableSetPasswordEndSessions_EachChangesTheAccount_AndIsAudited()
    {
        await RunAsync("correct horse battery\n", "users", "create", "--name", "alice", "--role", "compliance");
        var users = new UserStore(Database(), new AuditLog(Database()), new UserSessions(Database(), Microsoft.Extensions.Options.Options.Create(new SessionSettings())));

        Assert.Equal(0, (await RunAsync(null, "users", "disable", "alice")).ExitCode);
        Assert.Null(await users.VerifyAsync("alice", "correct horse battery"));
        Assert.Equal(64, (await RunAsync(null, "users", "disable", "alice")).ExitCode);
        Assert.Equal(0, (await RunAsync(null, "users", "enable", "alice")).ExitCode);
        Assert.Equal(0, (await RunAsync("another long password\n", "users", "set-password", "alice")).ExitCode);
        Assert.Null(await users.VerifyAsync("alice", "correct horse battery"));
        Assert.NotNull(await users.VerifyAsync("alice", "another long password"));
        Assert.Equal(64, (await RunAsync("short\n", "users", "set-password", "alice")).ExitCode);
        Assert.Equal(0, (await RunAsync(null, "users", "end-sessions", "alice")).ExitCode);
        Assert.Equal(64, (await RunAsync(null, "users", "end-sessions", "nobody")).ExitCode);

        var log = await RunAsync(null, "audit-log", "--limit", "20");
        foreach (var action in new[] { "user-disable", "user-enable", "user-set-password", "user-end-sessions" })
        {
            Assert.Contains(action, log.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KeysCreate_WithAnExpiryInThePast_OrMalformed_Exits64()
    {
        Assert.Equal(64, (await RunAsync(null, "keys", "create", "--role", "ingest", "--name", "late", "--expires", "2020-01-01")).ExitCode);
        Assert.Equal(64, (await RunAsync(null, "keys", "create", "--role", "ingest", "--name", "typo", "--expires", "31/12/2030")).ExitCode);
        Assert.Equal(0, (await RunAsync(null, "keys", "create", "--role", "ingest", "--name", "ok", "--expires", "2030-12-31")).ExitCode);
    }

    [Fact]
    public async Task KeysList_ShowsNoSecret()
    {
        var created = await RunAsync(null, "keys", "create", "--role", "board", "--name", "board-pack");
        var token = created.Out.Trim();

        var run = await RunAsync(null, "keys", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("board-pack", run.Out, StringComparison.Ordinal);
        Assert.True(KeyStore.TrySplit(token, out _, out var secret));
        Assert.DoesNotContain(secret, run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ingest")]
    [InlineData("superuser")]
    public async Task KeysCreate_UnknownRole_ExitsWithUsageErrorAndCreatesNothing(string role)
    {
        var run = await RunAsync(null, "keys", "create", "--role", role, "--name", "x");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains($"--role: unknown role '{role}'; expected one of admin, compliance, counsel, board, ingest", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRevoke_ThenTheKeyIsRefused()
    {
        var token = (await RunAsync(null, "keys", "create", "--role", "ingest", "--name", "spark")).Out.Trim();

        var run = await RunAsync(null, "keys", "revoke", "spark");

        Assert.Equal(0, run.ExitCode);
        Assert.Null(await new ApiKeyValidator(Database()).ValidateAsync(token));
    }

    [Fact]
    public async Task UsersCreate_ReadsThePasswordFromStandardInput()
    {
        var run = await RunAsync("correct horse battery\n", "users", "create", "--name", "alice", "--role", "compliance");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new Caller("alice", Role.Compliance), await new UserStore(Database(), new AuditLog(Database()), new UserSessions(Database(), Microsoft.Extensions.Options.Options.Create(new SessionSettings()))).VerifyAsync("alice", "correct horse battery"));
    }

    [Fact]
    public async Task AuditLog_ListsKeyCreationWithFilters()
    {
        await RunAsync(null, "keys", "create", "--role", "ingest", "--name", "airflow");
        await RunAsync("correct horse battery\n", "users", "create", "--name", "alice", "--role", "board");

        var run = await RunAsync(null, "audit-log", "--action", "key-create", "--since", "2020-01-01");

        Assert.True(run.ExitCode == 0, run.Error);
        var line = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("(admin)  key-create  key ", line, StringComparison.Ordinal);
        Assert.Contains("name 'airflow', role ingest", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLog_BadSince_NamesTheOption()
    {
        var run = await RunAsync(null, "audit-log", "--since", "last week");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("--since: 'last week' is not a UTC date", run.Error, StringComparison.Ordinal);
    }

    private Database Database() =>
        new(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_folder.File("audit.db")};Pooling=False" });

    private async Task<(int ExitCode, string Out, string Error)> RunAsync(string? input, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAuditCore();
        var (oldOut, oldError, oldIn) = (Console.Out, Console.Error, Console.In);
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        Console.SetIn(new StringReader(input ?? string.Empty));
        try
        {
            var exitCode = await CliApp.RunAsync(args, services);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Console.SetIn(oldIn);
        }
    }
}
