namespace Audit.Domain;

/// <summary>
/// Named sets of countries used by the EU-exemption rule and the exposure model. Configurable: a company
/// may treat the UK or Switzerland like the EU/EEA (bound from "Audit:Jurisdictions").
/// The defaults live outside the bound properties on purpose: configuration binding appends to a list that
/// already holds items, so <c>AUDIT_Audit__Jurisdictions__ExemptionSets__0=EU/EEA</c> would otherwise give
/// "EU/EEA, UK, CH, EU/EEA" and a setting could never narrow the defaults.
/// </summary>
public sealed class JurisdictionOptions
{
    public const string EuEeaName = "EU/EEA";

    public const string ExemptionSetsSetting = "Audit:Jurisdictions:ExemptionSets";

    public const string SetsSetting = "Audit:Jurisdictions:Sets";

    public static readonly IReadOnlyList<string> DefaultExemptionSets = [EuEeaName, "UK", "CH"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultSets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [EuEeaName] =
        [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
            "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
        ],
        ["UK"] = ["GB"],
        ["CH"] = ["CH"],
    };

    /// <summary>Set names that count as "EU/EEA staff" for the exemption rule, as configured; empty means <see cref="DefaultExemptionSets"/>.</summary>
    public List<string> ExemptionSets { get; set; } = [];

    /// <summary>Country sets by name, as configured; a configured set replaces the default of the same name, the other defaults stay.</summary>
    public Dictionary<string, List<string>> Sets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The exemption sets in effect: the configured ones, else the defaults.</summary>
    public IReadOnlyList<string> ExemptionSetNames() => ExemptionSets.Count > 0 ? ExemptionSets : DefaultExemptionSets;

    /// <summary>The country sets in effect: the defaults, each replaced whole by a configured set of the same name, plus any new ones.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CountrySets()
    {
        var sets = new Dictionary<string, IReadOnlyList<string>>(DefaultSets, StringComparer.Ordinal);
        foreach (var (name, countries) in Sets)
        {
            sets[name] = countries;
        }

        return sets;
    }

    /// <summary>Countries in any of the exemption sets. A set name that is not defined is refused: a typo must not silently narrow the rule.</summary>
    public IReadOnlySet<string> ExemptCountries()
    {
        var sets = CountrySets();
        var unknown = ExemptionSetNames().Where(s => !sets.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{ExemptionSetsSetting} names {string.Join(", ", unknown.Select(u => $"'{u}'"))}, not a set of {SetsSetting} (known: {string.Join(", ", sets.Keys.Order(StringComparer.Ordinal))}).");
        }

        return ExemptionSetNames().SelectMany(s => sets[s]).ToHashSet(StringComparer.Ordinal);
    }
}
