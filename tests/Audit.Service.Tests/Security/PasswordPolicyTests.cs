using System.Security.Cryptography;
using System.Text;
using Audit.Service.Configuration;
using Audit.Service.Security;
using Microsoft.Extensions.Configuration;

namespace Audit.Service.Tests.Security;

/// <summary>
/// ASVS 2.1.7 and NIST SP 800-63B 5.1.1.2 (issue 20): a new password is checked against breached and common passwords
/// and against what could be guessed from the account: its name, a keyboard walk, a run, a repeat.
/// </summary>
public sealed class PasswordPolicyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("audit-passwords-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("password1234", "breached")]
    [InlineData("Password1234", "breached")]
    [InlineData("iloveyou1234", "breached")]
    [InlineData("qwertyuiopas", "keyboard")]
    [InlineData("1qaz2wsx3edc4r", "keyboard")]
    [InlineData("123456789012", "keyboard")]
    [InlineData("987654321098", "keyboard")]
    [InlineData("abcdefghijklm", "keyboard")]
    [InlineData("abcabcabcabc", "too few")]
    [InlineData("aaaaaaaaaaaaaaaa", "too few")]
    [InlineData("dana.lopez-2026!", "user name")]
    [InlineData("short", "at least 12")]
    public void ARefusedPassword_SaysWhy_NamingTheField(string password, string why)
    {
        var ex = Assert.Throws<ArgumentException>(() => PasswordPolicy.Default.Check("dana.lopez", password));

        Assert.StartsWith("password: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("violet tractor umbrella 7")]
    [InlineData("Fjord-Lantern-Quietly")]
    public void APassphraseNobodyWouldGuess_IsAccepted(string password) =>
        PasswordPolicy.Default.Check("dana.lopez", password);

    [Fact]
    public void AnInstallationsPlainList_IsRefusedWithoutRegardToCase()
    {
        var file = Path.Combine(_folder, "breached.txt");
        File.WriteAllLines(file, ["Northwind Spring Rally", "another leaked phrase"]);
        var policy = new PasswordPolicy(new PasswordSettings { BreachedListFile = file });

        Assert.Throws<ArgumentException>(() => policy.Check("dana", "northwind spring rally"));
        policy.Check("dana", "northwind autumn rally");
    }

    [Fact]
    public void TheHaveIBeenPwnedFile_IsSearchedByHash_FirstMiddleAndLastLinesFound_OthersNot()
    {
        // A sorted SHA-1 file as the download gives it ("HASH:COUNT", CRLF), with many neighbours.
        var leaked = Enumerable.Range(0, 3000).Select(i => $"leaked phrase number {i}").ToList();
        var lines = leaked.Select(p => Sha1(p) + ":" + (p.Length * 7))
            .Order(StringComparer.Ordinal).ToList();
        var file = Path.Combine(_folder, "pwned.txt");
        File.WriteAllText(file, string.Join("\r\n", lines) + "\r\n");
        var policy = new PasswordPolicy(new PasswordSettings { BreachedListFile = file });
        var byHash = leaked.ToDictionary(p => Sha1(p));

        foreach (var line in new[] { lines[0], lines[1], lines[1500], lines[^2], lines[^1] })
        {
            var password = byHash[line[..40]];
            Assert.Throws<ArgumentException>(() => policy.Check("dana", password));
        }

        policy.Check("dana", "leaked phrase number 3001");
        policy.Check("dana", "Leaked phrase number 7");
    }

#pragma warning disable CA5350 // the download's own key, as the policy computes it
    private static string Sha1(string password) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
#pragma warning restore CA5350

    [Fact]
    public void AMissingListFile_IsASettingGoneWrong_NamingIt()
    {
        var missing = Path.Combine(_folder, "nope.txt");
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Authentication:Passwords:BreachedListFile"] = missing }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationCheck.Validate(settings, []));

        Assert.Contains("Authentication:Passwords:BreachedListFile", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => new PasswordPolicy(new PasswordSettings { BreachedListFile = missing }).Check("dana", "violet tractor umbrella"));
    }
}
