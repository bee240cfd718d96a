namespace Audit.Service.Tests.Cli;

/// <summary>
/// Settings are given the way users give them: AUDIT_ environment variables and appsettings.json in the working
/// directory, to the shipped program in a process of its own. A setting that does not hold exits 78 with one
/// line naming the setting, where it came from and the form expected; nothing runs.
/// </summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("AUDIT_Audit__IsSme", "maybe", "Audit:IsSme", "true or false")]
    [InlineData("AUDIT_Audit__GlobalAnnualTurnover", "abc", "Audit:GlobalAnnualTurnover", "a number")]
    [InlineData("AUDIT_Audit__GlobalAnnualTurnover", "5,000,000", "Audit:GlobalAnnualTurnover", "no grouping")]
    [InlineData("AUDIT_Audit__BenchmarkHourlyRate", "40,5", "Audit:BenchmarkHourlyRate", "decimal point")]
    [InlineData("AUDIT_Audit__BenchmarkHighMultiple", "three", "Audit:BenchmarkHighMultiple", "a number")]
    [InlineData("AUDIT_Audit__ReductionInForceWindowDays", "six months", "Audit:ReductionInForceWindowDays", "a whole number")]
    [InlineData("AUDIT_Audit__CurrencyRates__EUR", "abc", "Audit:CurrencyRates:EUR", "a number")]
    [InlineData("AUDIT_Audit__ReportCurrency", "JPY", "Audit:ReportCurrency", "Audit:CurrencyRates")]
    [InlineData("AUDIT_Database__Provider", "Oracle", "Database:Provider", "one of Sqlite, SqlServer")]
    [InlineData("AUDIT_Database__Provider", "1", "Database:Provider", "one of Sqlite, SqlServer")]
    [InlineData("AUDIT_Audit__TemplatesPath", "no-such-templates", "Audit:TemplatesPath", "does not exist")]
    [InlineData("AUDIT_Database__ConnectionString", "Data Source=no-such-folder/audit.db", "Database:ConnectionString", "does not exist")]
    [InlineData("AUDIT_Database__ConnectionString", "Data Sauce=audit.db", "Database:ConnectionString", "not a Sqlite connection string")]
    [InlineData("AUDIT_Guard__UnknownInputs", "alow", "Guard:UnknownInputs", "deny or allow")]
    [InlineData("AUDIT_Guard__ConcurrentJudgements", "0", "Guard:ConcurrentJudgements", "from 1 to 64")]
    [InlineData("AUDIT_Guard__Webhooks__0__Url", "hooks.example.com/audit", "Guard:Webhooks:0:Url", "absolute http(s) URL")]
    [InlineData("AUDIT_Guard__Recipients__0", "dpo at example.com", "Guard:Recipients:0", "one mail address")]
    [InlineData("AUDIT_Guard__Recipients__0", "dpo@example.com", "Guard:Recipients:0", "Delivery:Smtp:Host")]
    [InlineData("AUDIT_Delivery__Compliance__Recipients__0", "cco@", "Delivery:Compliance:Recipients:0", "one mail address")]
    [InlineData("AUDIT_Delivery__Smtp__Security", "tls", "Delivery:Smtp:Security", "StartTls")]
    public async Task Setting_BadValueInEnvironment_Exits78NamingItAndWhereItCameFrom(string variable, string value, string setting, string expected)
    {
        var run = await CliRunner.RunProcessAsync(_folder.Path, new Dictionary<string, string> { [variable] = value }, "scan");

        Assert.True(run.ExitCode == 78, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains($"setting {setting} (from environment variable {variable})", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("data")), "a verb ran despite the bad setting");
    }

    [Fact]
    public async Task AppSettings_MalformedJson_Exits78NamingFileLineAndColumn()
    {
        var path = _folder.Text("appsettings.json", "{\n  \"Audit\": {\n    \"IsSme\": tru\n  }\n}\n");

        var run = await CliRunner.RunProcessAsync(_folder.Path, new Dictionary<string, string>(), "scan");

        Assert.True(run.ExitCode == 78, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"audit: {path}: not valid JSON at line 3,", line, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppSettings_DuplicatedSetting_Exits78NamingIt()
    {
        _folder.Text("appsettings.json", "{\"Audit\": {\"IsSme\": true, \"IsSme\": false}}");

        var run = await CliRunner.RunProcessAsync(_folder.Path, new Dictionary<string, string>(), "scan");

        Assert.True(run.ExitCode == 78, run.ToString());
        Assert.Contains("Audit:IsSme", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppSettings_BadTypedValue_Exits78NamingTheFile()
    {
        var path = _folder.Text("appsettings.json", "{\"Audit\": {\"IsSme\": \"maybe\"}}");

        var run = await CliRunner.RunProcessAsync(_folder.Path, new Dictionary<string, string>(), "scan");

        Assert.True(run.ExitCode == 78, run.ToString());
        Assert.Contains($"setting Audit:IsSme (from {path}) is 'maybe'; expected true or false", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_WithABadSetting_StillShowsHelp()
    {
        var run = await CliRunner.RunProcessAsync(_folder.Path, new Dictionary<string, string> { ["AUDIT_Audit__IsSme"] = "maybe" }, "scan", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
    }
}
