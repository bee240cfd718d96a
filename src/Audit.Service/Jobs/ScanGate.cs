using Hangfire.Server;
using Hangfire.Storage;

namespace Audit.Service.Jobs;

/// <summary>
/// One scan at a time across every server sharing the store, whichever job asked for it: a scan that finds
/// another running is skipped, not queued behind it (the one running already judges the latest data).
/// </summary>
public static class ScanGate
{
    private const string Resource = "audit:scan";

    public static IDisposable? TryEnter(PerformContext context)
    {
        try
        {
            return context.Connection.AcquireDistributedLock(Resource, TimeSpan.FromSeconds(1));
        }
        catch (DistributedLockTimeoutException)
        {
            return null;
        }
    }
}
