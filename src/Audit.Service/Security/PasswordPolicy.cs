using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Audit.Service.Security;

/// <summary>Password settings ("Authentication:Passwords").</summary>
public sealed class PasswordSettings
{
    public const string SectionName = "Authentication:Passwords";

    /// <summary>
    /// A list of breached passwords to refuse besides the built-in one: either plain passwords, one a line (compared
    /// without regard to case), or the Have I Been Pwned download (SHA-1 hex of each password, "HASH:COUNT" a line,
    /// ordered by hash), searched in the file without loading it. Unset: the built-in list only.
    /// </summary>
    public string? BreachedListFile { get; set; }
}

/// <summary>
/// What a new password must be (OWASP ASVS 2.1: 12 to 1,024 characters, no composition rules; 2.1.7: not a known
/// breached or common password), and NIST SP 800-63B's context checks: not the user name, not a keyboard walk, a run
/// or a repeat. Every refusal is an <see cref="ArgumentException"/> beginning "password:", so each caller names the field.
/// </summary>
public sealed class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 1024;

    // Rows of the keyboard and walks people type down its columns; a password that is a stretch of one (either way,
    // wrapping round) is refused.
    private static readonly string[] Walks =
    [
        "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertyuiopasdfghjklzxcvbnm", "!@#$%^&*()",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "1q2w3e4r5t6y7u8i9o0p", "qazwsxedcrfvtgbyhnujmikolp",
        "zaq1xsw2cde3vfr4bgt5nhy6mju7", "1234qwerasdfzxcv", "abcdefghijklmnopqrstuvwxyz",
    ];

    private static readonly Lazy<HashSet<string>> BuiltIn = new(ReadBuiltIn);

    // Opened at the first check, not when the service graph is built: a missing file is then reported by the start-up
    // check as the setting it is, before any command runs.
    private readonly Lazy<BreachedList?> _file;

    public PasswordPolicy(IOptions<PasswordSettings> options)
        : this(options.Value)
    {
    }

    public PasswordPolicy(PasswordSettings settings)
    {
        var path = settings.BreachedListFile;
        _file = new Lazy<BreachedList?>(() => path is { Length: > 0 } ? BreachedList.Open(path) : null);
    }

    /// <summary>The built-in policy alone (no installation list).</summary>
    public static PasswordPolicy Default { get; } = new(new PasswordSettings());

    /// <summary>Throws when the password may not be used for this account, saying why.</summary>
    public void Check(string userName, string password)
    {
        if (password.Length < MinimumLength)
        {
            throw new ArgumentException($"password: at least {MinimumLength} characters");
        }

        if (password.Length > MaximumLength)
        {
            throw new ArgumentException("password: at most 1,024 characters");
        }

        var lower = password.ToLowerInvariant();
        if (userName.Trim() is { Length: >= 3 } name && lower.Contains(name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            throw new ArgumentException("password: contains the user name; choose one nobody could guess from the account");
        }

        if (password.Distinct().Count() < 5)
        {
            throw new ArgumentException("password: repeats too few characters (fewer than 5 different ones); a few random words make a strong one");
        }

        if (IsRun(lower) || IsWalk(lower))
        {
            throw new ArgumentException("password: is a run of the keyboard or the alphabet; a few random words make a strong one");
        }

        if (BuiltIn.Value.Contains(lower) || _file.Value?.Contains(password) == true)
        {
            throw new ArgumentException("password: is on a list of breached or common passwords; choose another");
        }
    }

    // Each character one after the previous, up or down (digits wrapping 9 to 0): 123456789012, 987654321098.
    private static bool IsRun(string s)
    {
        foreach (var step in new[] { 1, -1 })
        {
            var run = true;
            for (var i = 1; i < s.Length && run; i++)
            {
                var expected = char.IsAsciiDigit(s[i - 1]) ? (char)('0' + ((s[i - 1] - '0' + step + 10) % 10)) : (char)(s[i - 1] + step);
                run = s[i] == expected;
            }

            if (run)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWalk(string s) =>
        Walks.Any(walk => Stretch(walk, s) || Stretch(new string(walk.Reverse().ToArray()), s));

    // The text lies along the walk, going round it as often as its length needs.
    private static bool Stretch(string walk, string s)
    {
        var start = walk.IndexOf(s[0], StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (walk[(start + i) % walk.Length] != s[i])
            {
                return false;
            }
        }

        return true;
    }

    private static HashSet<string> ReadBuiltIn()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Audit.Service.CommonPasswords.txt")
            ?? throw new InvalidOperationException("the built-in password list is not in the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.ToLowerInvariant());
            }
        }

        return set;
    }

    /// <summary>An installation's list: a set of plain passwords, or a sorted SHA-1 file searched by bisection.</summary>
    private sealed class BreachedList
    {
        private const string Setting = PasswordSettings.SectionName + ":" + nameof(PasswordSettings.BreachedListFile);

        private readonly HashSet<string>? _plain;
        private readonly string? _hashFile;

        private BreachedList(HashSet<string>? plain, string? hashFile)
        {
            _plain = plain;
            _hashFile = hashFile;
        }

        public static BreachedList Open(string path)
        {
            if (!File.Exists(path))
            {
                // The start-up check (ConfigurationCheck) says so first, as a setting gone wrong.
                throw new FileNotFoundException($"setting {Setting} is '{path}', which does not exist; expected a file of breached passwords (one a line) or the Have I Been Pwned SHA-1 file", path);
            }

            string? first;
            using (var reader = new StreamReader(path))
            {
                first = reader.ReadLine();
            }

            if (first is not null && IsHashLine(first))
            {
                return new BreachedList(null, path);
            }

            var plain = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length > 0)
                {
                    plain.Add(line.ToLowerInvariant());
                }
            }

            return new BreachedList(plain, null);
        }

        private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789ABCDEFabcdef");

        // SHA-1 only because the Have I Been Pwned file is keyed by it: a lookup key, not a protection of anything.
#pragma warning disable CA5350
        public bool Contains(string password) =>
            _plain?.Contains(password.ToLowerInvariant()) ?? ContainsHash(Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password))));
#pragma warning restore CA5350

        private static bool IsHashLine(string line) =>
            line.Length >= 40 && !line.AsSpan(0, 40).ContainsAnyExcept(Hex) && (line.Length == 40 || line[40] == ':');

        // Bisection over byte offsets: from a middle offset, skip to the next line start and compare its hash. The file
        // may be tens of gigabytes; a lookup reads about 40 short stretches of it.
        private bool ContainsHash(string hash)
        {
            using var file = new FileStream(_hashFile!, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
            long low = 0, high = file.Length;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                var (lineStart, line) = LineAtOrAfter(file, middle);
                if (line is null || lineStart >= high)
                {
                    high = middle;
                    continue;
                }

                var compared = string.CompareOrdinal(line.Length >= 40 ? line[..40].ToUpperInvariant() : line, hash);
                if (compared == 0)
                {
                    return true;
                }

                if (compared < 0)
                {
                    low = lineStart + line.Length + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return false;
        }

        // The first line starting at or after the offset (a line starting exactly there included).
        private static (long Start, string? Line) LineAtOrAfter(FileStream file, long offset)
        {
            file.Position = offset;
            var start = offset;
            if (offset > 0)
            {
                // Back one byte, so a middle that lands on a line start keeps that line.
                file.Position = offset - 1;
                int b;
                while ((b = file.ReadByte()) >= 0 && b != '\n')
                {
                }

                if (b < 0)
                {
                    return (file.Length, null);
                }

                start = file.Position;
            }

            var bytes = new List<byte>(64);
            int c;
            while ((c = file.ReadByte()) >= 0 && c != '\n' && bytes.Count < 200)
            {
                bytes.Add((byte)c);
            }

            if (bytes.Count == 0 && c < 0)
            {
                return (start, null);
            }

            return (start, Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r'));
        }
    }
}
