namespace Audit.Service.Domain;

/// <summary>
/// Named sets of countries used by the EU-exemption rule and the exposure model. Configurable: a company
/// may treat the UK or Switzerland like the EU/EEA (bound from "Audit:Jurisdictions").
/// </summary>
public sealed class JurisdictionOptions
{
    public const string EuEeaName = "EU/EEA";

    /// <summary>Set names that count as "EU/EEA staff" for the exemption rule.</summary>
    public List<string> ExemptionSets { get; set; } = [EuEeaName, "UK", "CH"];

    public Dictionary<string, List<string>> Sets { get; set; } = new(StringComparer.Ordinal)
    {
        [EuEeaName] =
        [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
            "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
        ],
        ["UK"] = ["GB"],
        ["CH"] = ["CH"],
    };

    /// <summary>Countries in any of the exemption sets.</summary>
    public IReadOnlySet<string> ExemptCountries() =>
        ExemptionSets.Where(Sets.ContainsKey).SelectMany(s => Sets[s]).ToHashSet(StringComparer.Ordinal);
}
