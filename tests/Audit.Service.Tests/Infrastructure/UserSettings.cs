using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Tests.Infrastructure;

/// <summary>
/// Settings bound as the CLI binds them: the shipped appsettings.json, then environment variables spelled as a user
/// writes them. Each call uses its own variable prefix, so tests running in parallel never read each other's settings.
/// </summary>
public static class UserSettings
{
    public static AuditOptions Bind(IReadOnlyList<(string Name, string Value)> environment)
    {
        var prefix = $"AUDITTEST{Guid.NewGuid():N}_";
        foreach (var (name, value) in environment)
        {
            Environment.SetEnvironmentVariable(prefix + name, value);
        }

        try
        {
            var configuration = new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: false)
                .AddEnvironmentVariables(prefix)
                .Build();
            using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAuditCore().BuildServiceProvider();
            var options = services.GetRequiredService<IOptions<AuditOptions>>().Value;
            options.TemplatesPath = Path.Combine(AppContext.BaseDirectory, "templates");
            return options;
        }
        finally
        {
            foreach (var (name, _) in environment)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }
}
