using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Audit.Service.Web;

/// <summary>The Data Protection settings ("DataProtection"): where the key ring's keys are encrypted at rest.</summary>
public sealed class DataProtectionSettings
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts each key of the ring before it is stored. Unset: the keys are
    /// stored as the key manager writes them, and reading the database is enough to read them (the session cookie
    /// still only names a session whose id the database holds as a hash).
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The Data Protection key ring in the database every instance shares (table DataProtectionKey), so that a cookie or
/// anti-forgery token issued by one `serve` is read by another, and a restart signs nobody out. The key manager
/// decides which keys are current and when to roll them (every 90 days); this only keeps its XML elements.
/// </summary>
public sealed class DatabaseKeyRing(Database database) : IXmlRepository
{
    /// <summary>The application name every instance shares: it isolates Audit's keys from other apps' purposes.</summary>
    public const string ApplicationName = "Audit";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        return connection.Query<string>(database.Sql["DataProtectionKey_List"]).Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        connection.Execute(database.Sql["DataProtectionKey_Insert"], new
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = TypeHandlers.ToWholeSecond(DateTime.UtcNow),
        });
    }

    /// <summary>Data Protection for the web host: one application name, keys in the database, encrypted when a certificate is set.</summary>
    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<DatabaseKeyRing>();
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseKeyRing>((o, ring) => o.XmlRepository = ring);
        if (settings.CertificatePath is { Length: > 0 } path)
        {
            builder.ProtectKeysWithCertificate(LoadCertificate(path, settings.CertificatePassword));
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        const string key = DataProtectionSettings.SectionName + ":" + nameof(DataProtectionSettings.CertificatePath);
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"setting {key} is '{path}', which does not exist; expected a .pfx file holding the certificate (with its private key) that encrypts the key ring");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new ConfigurationException($"setting {key}: '{path}' holds no private key; the key ring could be encrypted but never read back");
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ConfigurationException($"setting {key}: '{path}' could not be read as a .pfx file with the password of {DataProtectionSettings.SectionName}:{nameof(DataProtectionSettings.CertificatePassword)} ({ex.Message})", ex);
        }
    }
}
