using Audit.Service;
using Audit.Service.Cli;
using Audit.Service.Web;

// One executable: the CLI verbs, and `serve` for the web host with its scheduled jobs.
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
    .AddEnvironmentVariables("AUDIT_")
    .Build();

if (AuditWebHost.IsTestHostLaunch(args))
{
    await AuditWebHost.Build(args, configuration).RunAsync();
    return 0;
}

var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddAuditCore();
return await CliApp.RunAsync(args, services);

/// <summary>Entry point type, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
