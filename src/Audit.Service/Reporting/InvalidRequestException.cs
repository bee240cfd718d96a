namespace Audit.Service.Reporting;

/// <summary>
/// A request that names something the data does not hold or asks for an empty range: refused with the reason
/// before any work is done (exit 64 on the command line), so a typo never widens or silently empties a result.
/// </summary>
public sealed class InvalidRequestException : Exception
{
    public InvalidRequestException(string message)
        : base(message)
    {
    }

    public InvalidRequestException()
        : this("invalid request")
    {
    }

    public InvalidRequestException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
