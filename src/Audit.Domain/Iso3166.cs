using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Audit.Domain;

/// <summary>
/// ISO 3166-1 alpha-2 country codes (all 249 assigned) and ISO 3166-2 subdivision codes. Subdivisions are
/// checked against the full list for the United States, where state law drives exposure; elsewhere the
/// code must have the ISO 3166-2 shape and start with its country's code.
/// </summary>
public static partial class Iso3166
{
    private static readonly FrozenSet<string> Countries = Join(
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI",
        "BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN",
        "CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK",
        "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM",
        "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN",
        "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK",
        "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP",
        "NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW",
        "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF",
        "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI",
        "VN VU WF WS YE YT ZA ZM ZW");

    private static readonly FrozenSet<string> UsSubdivisions = Join(
        "US-AL US-AK US-AZ US-AR US-CA US-CO US-CT US-DE US-FL US-GA US-HI US-ID US-IL US-IN",
        "US-IA US-KS US-KY US-LA US-ME US-MD US-MA US-MI US-MN US-MS US-MO US-MT US-NE US-NV",
        "US-NH US-NJ US-NM US-NY US-NC US-ND US-OH US-OK US-OR US-PA US-RI US-SC US-SD US-TN",
        "US-TX US-UT US-VT US-VA US-WA US-WV US-WI US-WY US-DC US-AS US-GU US-MP US-PR US-UM",
        "US-VI");

    public static bool IsCountry(string code) => Countries.Contains(code);

    /// <summary>Checks a subdivision such as US-NY against its country; an empty subdivision is valid.</summary>
    public static bool IsSubdivisionOf(string subdivision, string country, out string? problem)
    {
        problem = null;
        if (!SubdivisionShape().IsMatch(subdivision))
        {
            problem = $"'{subdivision}' is not an ISO 3166-2 code (like US-NY)";
            return false;
        }

        if (!subdivision.StartsWith(country + "-", StringComparison.Ordinal))
        {
            problem = $"subdivision '{subdivision}' is not in country '{country}'";
            return false;
        }

        if (country == "US" && !UsSubdivisions.Contains(subdivision))
        {
            problem = $"'{subdivision}' is not a US state, district or territory";
            return false;
        }

        return true;
    }

    private static FrozenSet<string> Join(params string[] lines) =>
        lines.SelectMany(l => l.Split(' ')).ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex SubdivisionShape();
}
