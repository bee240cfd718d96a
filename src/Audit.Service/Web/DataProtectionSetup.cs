using System.Security.Cryptography.X509Certificates;
using Audit.Service.Configuration;
using Audit.Service.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

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

/// <summary>Data Protection for the web host: one application name, keys in the database (<see cref="DatabaseKeyRing"/>), encrypted when a certificate is set.</summary>
public static class DataProtectionSetup
{
    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var builder = services.AddDataProtection().SetApplicationName(DatabaseKeyRing.ApplicationName);
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
