namespace Audit.Service.Cli;

/// <summary>For verbs whose work a later issue delivers: say so plainly, produce nothing, exit non-zero.</summary>
internal static class NotYetAvailable
{
    public const int ExitCode = 3;

    public static int Say(string verb)
    {
        Console.Error.WriteLine($"audit {verb}: not available yet in this version.");
        return ExitCode;
    }
}
