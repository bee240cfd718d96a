using System.Globalization;
using Audit.Service;
using Audit.Service.Cli;
using Audit.Service.Configuration;
using Audit.Service.Hosting;
using Audit.Service.Web;

// Reports and messages read the same on every machine, whatever its locale (ICU is on for SqlClient).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

// One executable: the CLI verbs, and `serve` for the web host with its scheduled jobs.
IConfiguration configuration;
try
{
    configuration = AuditConfiguration.Load(Directory.GetCurrentDirectory());
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"audit: {ex.Message}");
    return ExitCodes.Config;
}

if (AuditWebHost.IsTestHostLaunch(args))
{
    await AuditWebHost.Build(args, configuration).RunAsync();
    return 0;
}

var services = new ServiceCollection()
    .AddSingleton(configuration)
    .AddAuditCore();
return await CliApp.RunAsync(args, services);

/// <summary>Entry point type, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
