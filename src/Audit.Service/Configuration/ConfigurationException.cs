namespace Audit.Service.Configuration;

/// <summary>A setting that is malformed or points at something missing; the message names it and the expected form.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException()
        : this("configuration error")
    {
    }

    public ConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
