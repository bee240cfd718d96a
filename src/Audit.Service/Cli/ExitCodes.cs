namespace Audit.Service.Cli;

/// <summary>The process exit codes, from BSD sysexits where one fits, so scripts can tell the failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything unexpected: the message names the exception.</summary>
    public const int Failure = 1;

    /// <summary>An import file was refused whole; every problem is listed as file:row:column.</summary>
    public const int ImportRejected = 2;

    /// <summary>EX_CANTCREAT: the demo would have replaced or mixed into a database holding other data.</summary>
    public const int WouldOverwrite = 73;

    /// <summary>EX_USAGE: an unknown option, a surplus argument or a value that does not parse.</summary>
    public const int Usage = 64;

    /// <summary>EX_CONFIG: appsettings.json or an AUDIT_ environment variable is malformed or names something missing.</summary>
    public const int Config = 78;
}

/// <summary>A command line the program does not understand; the message names the option and the expected form.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    public UsageException()
        : this("bad arguments")
    {
    }

    public UsageException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}
