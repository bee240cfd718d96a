using System.Text.Json;
using Microsoft.Extensions.Configuration.Json;

namespace Audit.Service.Configuration;

/// <summary>
/// Where settings come from, in order of precedence: environment variables prefixed AUDIT_ ("__" separates
/// sections), appsettings.json in the working directory, appsettings.json beside the program.
/// </summary>
public static class AuditConfiguration
{
    public const string EnvironmentPrefix = "AUDIT_";

    /// <summary>Builds the configuration; a file that is not valid JSON is refused with its path, line and column.</summary>
    public static IConfigurationRoot Load(string workingDirectory)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile(Path.Combine(workingDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix);
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex) when (Inner<JsonException>(ex) is { } json)
        {
            throw new ConfigurationException($"{FileNamed(ex)}: not valid JSON at line {json.LineNumber + 1}, column {json.BytePositionInLine + 1}: {FirstSentence(json.Message)}; expected an object of sections such as {{\"Audit\": {{\"IsSme\": false}}}}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new ConfigurationException($"{FileNamed(ex)}: {FirstSentence(ex.InnerException?.Message ?? ex.Message)}", ex);
        }
        catch (FormatException ex)
        {
            // A key given twice in one file ("A duplicate key 'Audit:IsSme' was found.").
            throw new ConfigurationException($"appsettings.json: {FirstSentence(ex.Message)}; give each setting once", ex);
        }
    }

    /// <summary>Where a setting's value came from, the way a user would look for it.</summary>
    public static string SourceOf(IConfiguration configuration, string key)
    {
        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.Reverse())
            {
                if (provider.TryGet(key, out _))
                {
                    return provider switch
                    {
                        JsonConfigurationProvider json => json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? string.Empty).PhysicalPath ?? json.Source.Path ?? "appsettings.json",
                        Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider => "environment variable " + EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal),
                        _ => key,
                    };
                }
            }
        }

        return key;
    }

    private static T? Inner<T>(Exception ex)
        where T : Exception
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string FileNamed(InvalidDataException ex)
    {
        // "Failed to load configuration from file '/path/appsettings.json'."
        var message = ex.Message;
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? message[(start + 1)..end] : "appsettings.json";
    }

    /// <summary>System.Text.Json appends " Path: $ | LineNumber: 0 | BytePositionInLine: 4."; the location is given separately.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal) is var path and >= 0 ? path : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
        return text.Replace('\n', ' ').Replace('\r', ' ');
    }
}
