namespace Audit.Service.Configuration;

/// <summary>Who receives the scheduled reports, and how. Bound from the "Delivery" configuration section.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Monthly compliance reports.</summary>
    public AudienceOptions Compliance { get; set; } = new() { Folder = "out/delivery/compliance" };

    /// <summary>Quarterly board summaries.</summary>
    public AudienceOptions Board { get; set; } = new() { Folder = "out/delivery/board" };

    /// <summary>Mail is sent only when a host is set.</summary>
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class AudienceOptions
{
    /// <summary>Each report is copied here when complete; empty for none.</summary>
    public string? Folder { get; set; }

    /// <summary>Addresses mailed each report as blind copies, so recipients do not see each other.</summary>
    public List<string> Recipients { get; set; } = [];
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>Mail goes out only when a server is named.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int Port { get; set; } = 25;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string From { get; set; } = "audit@localhost";

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
