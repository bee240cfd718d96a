using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Audit.Service.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Audit.Service.Configuration;

/// <summary>An options class bound from a configuration section, registered so the startup check reads it.</summary>
public sealed record CheckedSection(string Name, Type OptionsType);

/// <summary>
/// Every setting is checked once, before a verb runs, so a typo in a setting is refused with its name, where it
/// came from and the form expected, instead of surfacing later as a binder exception or a silent default.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and puts the section under the startup check.</summary>
    public static IServiceCollection AddCheckedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section);
        services.AddSingleton(new CheckedSection(section, typeof(T)));
        return services;
    }

    /// <summary>Throws <see cref="ConfigurationException"/> for the first setting that does not hold.</summary>
    public static void Validate(IConfiguration configuration, IEnumerable<CheckedSection> sections)
    {
        foreach (var section in sections)
        {
            CheckValue(configuration, configuration.GetSection(section.Name), section.OptionsType);
        }

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        CheckDatabase(configuration, database);
        var audit = configuration.GetSection(AuditOptions.SectionName).Get<AuditOptions>() ?? new AuditOptions();
        CheckAudit(configuration, audit);
        CheckWeb(configuration);
        CheckPasswords(configuration);
        CheckGuard(configuration);
        CheckDelivery(configuration);
    }

    private static void CheckDelivery(IConfiguration configuration)
    {
        var delivery = configuration.GetSection(DeliveryOptions.SectionName).Get<DeliveryOptions>() ?? new DeliveryOptions();
        CheckAddresses(configuration, $"{DeliveryOptions.SectionName}:{nameof(DeliveryOptions.Compliance)}:{nameof(AudienceOptions.Recipients)}", delivery.Compliance.Recipients);
        CheckAddresses(configuration, $"{DeliveryOptions.SectionName}:{nameof(DeliveryOptions.Board)}:{nameof(AudienceOptions.Recipients)}", delivery.Board.Recipients);
        if (!Enum.TryParse<MailKit.Security.SecureSocketOptions>(delivery.Smtp.Security, ignoreCase: true, out var security) || !Enum.IsDefined(security))
        {
            throw Problem(configuration, "Delivery:Smtp:Security", $"is '{delivery.Smtp.Security}'", "None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect");
        }
    }

    private static void CheckGuard(IConfiguration configuration)
    {
        var guard = configuration.GetSection(GuardOptions.SectionName).Get<GuardOptions>() ?? new GuardOptions();
        if (guard.UnknownInputs is not (GuardOptions.Deny or GuardOptions.Allow))
        {
            throw Problem(configuration, GuardOptions.SectionName + ":" + nameof(GuardOptions.UnknownInputs), $"is '{guard.UnknownInputs}'", $"{GuardOptions.Deny} or {GuardOptions.Allow}");
        }

        for (var i = 0; i < guard.Webhooks.Count; i++)
        {
            var hook = guard.Webhooks[i];
            var key = $"{GuardOptions.SectionName}:{nameof(GuardOptions.Webhooks)}:{i}:";
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw Problem(configuration, key + nameof(GuardWebhook.Url), $"is '{hook.Url}'", "the receiver's absolute http(s) URL, e.g. https://hooks.example.com/audit");
            }

            if (hook.Secret.Length < GuardWebhook.MinSecretLength)
            {
                throw Problem(configuration, key + nameof(GuardWebhook.Secret), $"has {hook.Secret.Length} characters", $"a shared secret of at least {GuardWebhook.MinSecretLength} characters (the receiver checks X-Audit-Signature with it)");
            }
        }

        var smtp = configuration.GetSection(DeliveryOptions.SectionName).Get<DeliveryOptions>()?.Smtp ?? new SmtpOptions();
        CheckAddresses(configuration, $"{GuardOptions.SectionName}:{nameof(GuardOptions.Recipients)}", guard.Recipients);
        if (guard.Recipients.Count > 0 && !smtp.IsConfigured)
        {
            throw Problem(configuration, $"{GuardOptions.SectionName}:{nameof(GuardOptions.Recipients)}:0", "names a recipient but Delivery:Smtp:Host is not set", "Delivery:Smtp:Host (the mail server alerts go through) or no recipients");
        }

        if (guard.ConcurrentJudgements is < 1 or > 64)
        {
            throw Problem(configuration, GuardOptions.SectionName + ":" + nameof(GuardOptions.ConcurrentJudgements), $"is {guard.ConcurrentJudgements}", "a whole number from 1 to 64 (each judgement holds the facts in memory)");
        }

        if (guard.KeepDecisionsDays < 0)
        {
            throw Problem(configuration, GuardOptions.SectionName + ":" + nameof(GuardOptions.KeepDecisionsDays), $"is {guard.KeepDecisionsDays}", "0 (keep every decision) or a number of days");
        }
    }

    /// <summary>Each address must be one mailbox (a typo must not silently send to nobody).</summary>
    private static void CheckAddresses(IConfiguration configuration, string key, IReadOnlyList<string> addresses)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            if (!MimeKit.MailboxAddress.TryParse(addresses[i], out var mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal) || mailbox.Address.EndsWith('@'))
            {
                throw Problem(configuration, $"{key}:{i}", $"is '{addresses[i]}'", "one mail address, e.g. dpo@example.com");
            }
        }
    }

    /// <summary>The public URL (origin checks, redirects, Secure cookies) and the session limits.</summary>
    private static void CheckPasswords(IConfiguration configuration)
    {
        const string key = Security.PasswordSettings.SectionName + ":" + nameof(Security.PasswordSettings.BreachedListFile);
        if (configuration[key] is { Length: > 0 } path && !File.Exists(path))
        {
            throw Problem(configuration, key, $"is '{path}', which does not exist", "a file of breached passwords (one a line) or the Have I Been Pwned SHA-1 file (HASH:COUNT, sorted by hash)");
        }
    }

    private static void CheckWeb(IConfiguration configuration)
    {
        const string url = WebSettings.SectionName + ":" + nameof(WebSettings.PublicUrl);
        if (configuration[url] is { Length: > 0 } value
            && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.UserInfo)))
        {
            throw Problem(configuration, url, $"is '{value}'", "the service's own origin as users reach it, e.g. https://audit.example.com (no path)");
        }

        var session = configuration.GetSection(Security.SessionSettings.SectionName).Get<Security.SessionSettings>() ?? new Security.SessionSettings();
        const string idle = Security.SessionSettings.SectionName + ":" + nameof(Security.SessionSettings.IdleTimeout);
        const string lifetime = Security.SessionSettings.SectionName + ":" + nameof(Security.SessionSettings.AbsoluteLifetime);
        if (session.AbsoluteLifetime <= TimeSpan.Zero || session.AbsoluteLifetime > TimeSpan.FromDays(30))
        {
            throw Problem(configuration, lifetime, $"is {session.AbsoluteLifetime}", "a duration above zero and at most 30 days, e.g. 08:00:00");
        }

        if (session.IdleTimeout < TimeSpan.FromMinutes(1) || session.IdleTimeout > session.AbsoluteLifetime)
        {
            throw Problem(configuration, idle, $"is {session.IdleTimeout}", $"a duration of at least 00:01:00 and at most {lifetime} ({session.AbsoluteLifetime})");
        }
    }

    private static void CheckDatabase(IConfiguration configuration, DatabaseOptions options)
    {
        const string key = DatabaseOptions.SectionName + ":" + nameof(DatabaseOptions.ConnectionString);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Problem(configuration, key, "is empty", "a connection string");
        }

        try
        {
            if (options.Provider == DatabaseProvider.SqlServer)
            {
                _ = new SqlConnectionStringBuilder(options.ConnectionString);
                return;
            }

            var sqlite = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrEmpty(sqlite.DataSource) || sqlite.DataSource == ":memory:" || sqlite.Mode == SqliteOpenMode.Memory)
            {
                return;
            }

            // The default folder (./data) is made on first use so a fresh clone works; any other folder must
            // exist, or a mistyped path would quietly start an empty database.
            var folder = Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource));
            var defaultFolder = Path.GetFullPath("data");
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder) && !string.Equals(folder, defaultFolder, StringComparison.Ordinal))
            {
                throw Problem(configuration, key, $"names Data Source '{sqlite.DataSource}' in folder '{folder}', which does not exist",
                    "an existing folder (create it first) or the default Data Source=data/audit.db");
            }
        }
        catch (ArgumentException ex)
        {
            throw Problem(configuration, key, $"is not a {options.Provider} connection string ({ex.Message.Split('\n')[0].Trim()})",
                options.Provider == DatabaseProvider.SqlServer ? "Server=...;Database=...;..." : "Data Source=path/to/file.db");
        }
    }

    private static void CheckAudit(IConfiguration configuration, AuditOptions options)
    {
        const string section = AuditOptions.SectionName + ":";
        var templates = options.TemplatesPath;
        var builtIn = string.Equals(templates, new AuditOptions().TemplatesPath, StringComparison.Ordinal)
            && Directory.Exists(Path.Combine(AppContext.BaseDirectory, "templates"));
        if (!Directory.Exists(templates) && !builtIn)
        {
            throw Problem(configuration, section + nameof(AuditOptions.TemplatesPath), $"names '{Path.GetFullPath(templates)}', which does not exist",
                "a folder holding exposure-theories.csv and report-text.json");
        }

        if (options.Retention.KeepWhole is not (RetentionOptions.All or RetentionOptions.MonthEnd or RetentionOptions.QuarterEnd))
        {
            throw Problem(configuration, section + "Retention:KeepWhole", $"is '{options.Retention.KeepWhole}'",
                $"{RetentionOptions.All}, {RetentionOptions.MonthEnd} or {RetentionOptions.QuarterEnd}");
        }

        foreach (var severity in Enum.GetValues<Severity>())
        {
            if (options.Sla.DaysFor(severity) is < 1 or > SlaOptions.MaxDays)
            {
                throw Problem(configuration, $"{section}Sla:{severity}", $"is {options.Sla.DaysFor(severity).ToString(CultureInfo.InvariantCulture)}",
                    $"a whole number of days from 1 to {SlaOptions.MaxDays}");
            }
        }

        foreach (var (name, currency) in new[] { (nameof(AuditOptions.ReportCurrency), options.ReportCurrency), (nameof(AuditOptions.TurnoverCurrency), options.TurnoverCurrency) })
        {
            if (!options.CurrencyRates.ContainsKey(currency))
            {
                throw Problem(configuration, section + name, $"is '{currency}', which has no rate in Audit:CurrencyRates",
                    $"one of {string.Join(", ", options.CurrencyRates.Keys.Order(StringComparer.Ordinal))}, or add Audit:CurrencyRates:{currency}");
            }
        }

        foreach (var (name, value) in options.CurrencyRates)
        {
            if (value <= 0)
            {
                throw Problem(configuration, $"{section}{nameof(AuditOptions.CurrencyRates)}:{name}", $"is {value.ToString(CultureInfo.InvariantCulture)}", "US dollars per unit, above 0");
            }
        }

        if (options.GlobalAnnualTurnover < 0)
        {
            throw Problem(configuration, section + nameof(AuditOptions.GlobalAnnualTurnover), "is negative", "0 or more");
        }

        if (options.ReductionInForceWindowDays <= 0)
        {
            throw Problem(configuration, section + nameof(AuditOptions.ReductionInForceWindowDays), "is not positive", "a whole number of days above 0");
        }

        if (options.BenchmarkHourlyRate < 0 || options.BenchmarkHighMultiple < 1)
        {
            throw Problem(configuration, section + (options.BenchmarkHourlyRate < 0 ? nameof(AuditOptions.BenchmarkHourlyRate) : nameof(AuditOptions.BenchmarkHighMultiple)),
                "is out of range", "a rate of 0 or more and a high multiple of 1 or more");
        }
    }

    /// <summary>Walks an options type the way the binder does and tries each configured value against its property's type.</summary>
    private static void CheckValue(IConfiguration configuration, IConfigurationSection section, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            if (section.Value is { } text && !TryConvert(text, target))
            {
                throw Problem(configuration, section.Path, $"is '{text}'", ExpectedForm(target));
            }

            return;
        }

        var dictionary = target.GetInterfaces().Append(target)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            foreach (var child in section.GetChildren())
            {
                CheckValue(configuration, child, dictionary.GetGenericArguments()[1]);
            }

            return;
        }

        var element = target.IsArray ? target.GetElementType() : target.GetInterfaces().Append(target)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (element is not null && typeof(IEnumerable).IsAssignableFrom(target))
        {
            foreach (var child in section.GetChildren())
            {
                CheckValue(configuration, child, element);
            }

            return;
        }

        foreach (var property in target.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && (property.CanWrite || !IsScalar(property.PropertyType)))
            {
                CheckValue(configuration, section.GetSection(property.Name), property.PropertyType);
            }
        }
    }

    private static bool IsScalar(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsPrimitive || target.IsEnum || target == typeof(string) || target == typeof(decimal) || target == typeof(DateOnly)
            || target == typeof(DateTime) || target == typeof(DateTimeOffset) || target == typeof(TimeSpan) || target == typeof(Guid) || target == typeof(Uri);
    }

    private static bool TryConvert(string text, Type type)
    {
        if (type.IsEnum)
        {
            // The binder also takes numbers ("7") and case variants; only a defined name is a deliberate choice.
            return Enum.GetNames(type).Contains(text, StringComparer.OrdinalIgnoreCase);
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            // The binder's converter reads "40,5" as 405 (a thousands separator): refused rather than guessed.
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                || (type != typeof(decimal) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        }

        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    private static string ExpectedForm(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number, e.g. 180",
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number with a '.' decimal point and no grouping, e.g. 5000000000 or 1.08",
        _ when type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date, yyyy-MM-dd",
        _ when type == typeof(TimeSpan) => "a duration, hh:mm:ss",
        _ => "a " + type.Name,
    };

    private static ConfigurationException Problem(IConfiguration configuration, string key, string what, string expected)
    {
        var source = AuditConfiguration.SourceOf(configuration, key);
        var from = string.Equals(source, key, StringComparison.Ordinal) ? string.Empty : $" (from {source})";
        return new ConfigurationException($"setting {key}{from} {what}; expected {expected}");
    }
}
