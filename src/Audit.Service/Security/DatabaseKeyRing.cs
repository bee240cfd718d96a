using System.Xml.Linq;
using Audit.Service.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Audit.Service.Security;

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
}
