namespace Audit.Service.Configuration;

/// <summary>How users reach the service ("Web" section).</summary>
public sealed class WebSettings
{
    public const string SectionName = "Web";

    /// <summary>
    /// The service's own origin as its users reach it (e.g. https://audit.example.com behind a proxy). When set, only
    /// requests for its host are served (others 400), cross-site checks compare with it, and an https URL makes the
    /// cookies Secure and turns on HSTS. Unset: the origin of each request is its own scheme and host.
    /// </summary>
    public string? PublicUrl { get; set; }

    public Uri? PublicOrigin => PublicUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
}
