using System.ComponentModel;
using Audit.Service.Jobs;
using Audit.Service.Hosting;
using Audit.Service.Web;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>Runs the web host with the scheduled jobs until SIGTERM or Ctrl-C.</summary>
internal sealed class ServeCommand(IConfiguration configuration) : AsyncCommand<ServeCommand.Settings>
{
    /// <summary>EX_TEMPFAIL: another instance holds the embedded database; try again when it has stopped.</summary>
    public const int LockedExitCode = 75;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--urls <URL>")]
        [Description("Where to listen, e.g. http://0.0.0.0:8080 (';' between several). Default: ASPNETCORE_URLS, else " + AuditWebHost.DefaultUrl + ".")]
        public string? Urls { get; init; }

        public override ValidationResult Validate() =>
            Urls is null || Urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(u => Uri.TryCreate(u.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                ? ValidationResult.Success()
                : ValidationResult.Error($"--urls: '{Urls}' is not a list of http(s) URLs");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = AuditWebHost.Build(settings.Urls is null ? [] : ["--urls", settings.Urls], configuration);
        }
        catch (ServeLockedException ex)
        {
            await Console.Error.WriteLineAsync($"audit serve: {ex.Message}");
            return LockedExitCode;
        }

        await using (app)
        {
            // The host stops on SIGTERM and Ctrl-C: running jobs are cancelled and go back to the queue.
            await app.RunAsync();
        }

        return 0;
    }
}
