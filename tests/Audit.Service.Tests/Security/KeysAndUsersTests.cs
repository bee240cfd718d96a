using System.Text;
using Audit.Service.Data;
using Audit.Service.Security;

namespace Audit.Service.Tests.Security;

/// <summary>API keys and web accounts (issue 11, roles): stored hashed, checked exactly, revocable, audited without secrets.</summary>
public sealed class KeysAndUsersTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly KeyStore _keys;
    private readonly UserStore _users;

    public KeysAndUsersTests()
    {
        _keys = new KeyStore(_db.Database, new AuditLog(_db.Database));
        _users = new UserStore(_db.Database, new AuditLog(_db.Database), new UserSessions(_db.Database, Microsoft.Extensions.Options.Options.Create(new SessionSettings())));
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Key_Created_ValidatesToItsNameAndRole()
    {
        var key = await _keys.CreateAsync("airflow", Role.Ingest, "ops");

        var caller = await new ApiKeyValidator(_db.Database).ValidateAsync(key.Token);

        Assert.Equal(new Caller("airflow", Role.Ingest), caller);
        Assert.Matches("^audit_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", key.Token);
    }

    [Fact]
    public async Task Key_StoredOnlyAsAHash_AndNeverInTheAuditLog()
    {
        var key = await _keys.CreateAsync("airflow", Role.Ingest, "ops");
        // The secret is base64url and may itself hold '_': split as the validator does.
        Assert.True(KeyStore.TrySplit(key.Token, out _, out var secret));

        var everything = string.Join("|", (await _db.RowsAsync("SELECT * FROM ApiKey")).Concat(await _db.RowsAsync("SELECT * FROM AuditLog")).SelectMany(r => r));

        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.Equal(32, (await _db.QueryAsync<byte[]>("SELECT SecretHash FROM ApiKey")).Single().Length);
        Assert.Equal<string?[]>(["ops", "admin", "key-create", $"key {key.KeyId}", "name 'airflow', role ingest"], Assert.Single(await _db.RowsAsync("SELECT Actor, Role, Action, Subject, Details FROM AuditLog WHERE Action = 'key-create'")));
    }

    [Fact]
    public async Task Key_WrongSecretUnknownIdOrMalformed_Refused()
    {
        var key = await _keys.CreateAsync("airflow", Role.Ingest, "ops");
        var validator = new ApiKeyValidator(_db.Database);
        var lastChar = key.Token[^1] == 'A' ? 'B' : 'A';

        Assert.Null(await validator.ValidateAsync(key.Token[..^1] + lastChar));
        Assert.True(KeyStore.TrySplit(key.Token, out _, out var secret));
        Assert.Null(await validator.ValidateAsync("audit_0000000000000000_" + secret));
        Assert.Null(await validator.ValidateAsync(key.Token + "x"));
        Assert.Null(await validator.ValidateAsync("Bearer " + key.Token));
        Assert.Null(await validator.ValidateAsync(string.Empty));
        Assert.Null(await validator.ValidateAsync(null));
    }

    [Fact]
    public async Task Key_Revoked_RefusedOnTheVeryNextCheck()
    {
        var key = await _keys.CreateAsync("airflow", Role.Ingest, "ops");
        var validator = new ApiKeyValidator(_db.Database);
        Assert.NotNull(await validator.ValidateAsync(key.Token));

        Assert.True(await _keys.RevokeAsync("airflow", "ops"));

        Assert.Null(await validator.ValidateAsync(key.Token));
        Assert.Null(await new ApiKeyValidator(_db.Database).ValidateAsync(key.Token));
        Assert.NotNull(Assert.Single(await _keys.ListAsync()).RevokedAt);
    }

    [Fact]
    public async Task Key_PastItsExpiry_Refused_AndItsUseIsRecorded()
    {
        var time = new ManualTime();
        var expiry = DateTime.UtcNow.AddDays(2);
        var key = await _keys.CreateAsync("airflow", Role.Ingest, "ops", expiry);
        var validator = new ApiKeyValidator(_db.Database, time);

        Assert.NotNull(await validator.ValidateAsync(key.Token));
        Assert.NotNull(Assert.Single(await _keys.ListAsync()).LastUsedAt);
        time.Advance(expiry - time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        Assert.Null(await validator.ValidateAsync(key.Token));
        await Assert.ThrowsAsync<ArgumentException>(() => _keys.CreateAsync("late", Role.Ingest, "ops", DateTime.UtcNow.AddMinutes(-1)));
    }

    [Fact]
    public async Task Key_SameNameTwice_RefusedNamingTheOption()
    {
        await _keys.CreateAsync("airflow", Role.Ingest, "ops");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _keys.CreateAsync("airflow", Role.Admin, "ops"));

        Assert.StartsWith("--name: a key named 'airflow' already exists", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("admin ")]
    [InlineData("administrator")]
    [InlineData("")]
    public void Role_NotExactlyACode_NotParsed(string text)
    {
        Assert.False(Roles.TryParse(text, out _));
    }

    [Fact]
    public void Roles_AreTheFiveOfTheIssue()
    {
        Assert.Equal("admin, compliance, counsel, board, ingest", Roles.Expected);
    }

    [Fact]
    public async Task User_RightPassword_SignsInWithRole_WrongOrDisabledDoesNot()
    {
        await _users.CreateAsync("alice", Role.Compliance, "correct horse battery", "ops");

        Assert.Equal(new Caller("alice", Role.Compliance), await _users.VerifyAsync("alice", "correct horse battery"));
        Assert.Null(await _users.VerifyAsync("alice", "correct horse batterY"));
        Assert.Null(await _users.VerifyAsync("bob", "correct horse battery"));
        Assert.True(await _users.DisableAsync("alice", "ops"));
        Assert.Null(await _users.VerifyAsync("alice", "correct horse battery"));
    }

    [Fact]
    public async Task User_PasswordStoredAsAnIdentityHash()
    {
        await _users.CreateAsync("alice", Role.Board, "correct horse battery", "ops");

        var hash = await _db.ScalarAsync<string>("SELECT PasswordHash FROM UserAccount");

        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]); // Identity v3 format: PBKDF2, salted
        Assert.DoesNotContain("correct horse", string.Join("|", (await _db.RowsAsync("SELECT * FROM AuditLog")).SelectMany(r => r)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_ShortPassword_Refused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _users.CreateAsync("alice", Role.Board, "short", "ops"));

        Assert.StartsWith("password: at least 12 characters", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _db.CountAsync("UserAccount"));
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 28, 9, 0, 30, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
