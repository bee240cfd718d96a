using System.Globalization;
using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Ingest;
using Microsoft.Extensions.Options;

namespace Audit.Service.Planning;

/// <summary>
/// The remedy table, read from <c>templates/remedies.csv</c> each time a plan is made, so an edit shows in the next
/// plan without a restart or an import. A file with any problem is refused whole, each problem named by file, row and
/// field, and no plan (nor a report that carries one) is made from half a table: it is a setting gone wrong, so a
/// <see cref="ConfigurationException"/> (exit 78; 503 over HTTP).
/// </summary>
public sealed class RemedyTable(IOptions<AuditOptions> options)
{
    public const string TemplateFile = "remedies.csv";

    private static readonly IReadOnlyList<FieldSpec> Fields =
    [
        FieldSpec.Text("remedy_id", maxLength: 64), FieldSpec.Text("rules", maxLength: 100), FieldSpec.Text("title", maxLength: 300),
        FieldSpec.Text("costs", maxLength: 400), FieldSpec.Currency("currency"), FieldSpec.Text("retires", required: false, maxLength: 400),
        FieldSpec.Boolean("stops_accrual"), FieldSpec.Text("owner", maxLength: 100), FieldSpec.Integer("deadline_days"),
        FieldSpec.Text("basis", maxLength: 2000), FieldSpec.Text("note", required: false, maxLength: 2000),
    ];

    public string Path => Templates.Resolve(options.Value.TemplatesPath, TemplateFile);

    /// <summary>The table's rows in file order; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public IReadOnlyList<Remedy> Read(IReadOnlyCollection<string> knownTheories) =>
        Read(Path, knownTheories, options.Value.CurrencyRates.Keys.Append(options.Value.ReportCurrency).ToHashSet(StringComparer.Ordinal));

    /// <param name="knownTheories">The exposure table's theory ids, which <c>retires</c> may name.</param>
    /// <param name="currencies">The currencies a rate converts (Audit:CurrencyRates and the report currency).</param>
    public static IReadOnlyList<Remedy> Read(string path, IReadOnlyCollection<string> knownTheories, IReadOnlyCollection<string> currencies)
    {
        var file = System.IO.Path.GetFileName(path);
        var errors = new ImportErrorList(file);
        var remedies = new List<Remedy>();
        var rows = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, values) in TemplateTable.Rows(path, Fields, errors))
        {
            var remedy = Map(row, values, knownTheories, currencies, errors);
            if (remedy is null)
            {
                continue;
            }

            if (!rows.TryAdd(remedy.Id, row))
            {
                errors.Add(row, "remedy_id", $"'{remedy.Id}' is already on row {rows[remedy.Id]}");
                continue;
            }

            remedies.Add(remedy);
        }

        if (!errors.Any && remedies.Count == 0)
        {
            errors.Add(1, "-", "the table has no remedies: a plan needs at least one row");
        }

        TemplateTable.ThrowIfAny(errors, "the remedy table", path, "no plan was made");
        return remedies;
    }

    private static Remedy? Map(long row, object?[] values, IReadOnlyCollection<string> knownTheories, IReadOnlyCollection<string> currencies, ImportErrorList errors)
    {
        string Text(int i) => (string)values[i]!;
        var before = errors.Total;
        var rules = new List<RuleCode>();
        foreach (var code in Codes.Split(Text(1)))
        {
            if (code.Length >= 2 && code[0] == 'R' && char.IsAsciiDigit(code[1]) && Enum.TryParse<RuleCode>(code, out var rule) && Enum.IsDefined(rule))
            {
                rules.Add(rule);
            }
            else
            {
                errors.Add(row, "rules", $"'{code}' is not a rule: expected rule codes R1 to R10 separated by ';'");
            }
        }

        if (rules.Count == 0 && errors.Total == before)
        {
            errors.Add(row, "rules", "expected rule codes R1 to R10 separated by ';'");
        }

        var costs = new List<RemedyCost>();
        foreach (var part in Text(3).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ParseCost(part) is { } cost)
            {
                costs.Add(cost);
            }
            else
            {
                errors.Add(row, "costs", $"'{part}' is not a cost: expected '<unit> <low>-<high>' with the unit one of {string.Join(", ", RemedyCostUnits.All)} and 0 <= low <= high, parts separated by ';' (e.g. 'fixed 10000-40000; per_worker 5-25')");
            }
        }

        if (costs.Count == 0 && errors.Total == before)
        {
            errors.Add(row, "costs", "expected at least one cost, e.g. 'fixed 10000-40000'");
        }

        var retires = values[5] is string text ? Codes.Split(text).ToList() : [];
        foreach (var theory in retires.Where(t => !knownTheories.Contains(t)))
        {
            errors.Add(row, "retires", $"'{theory}' is not a theory of the exposure table");
        }

        if (!currencies.Contains(Text(4)))
        {
            errors.Add(row, "currency", $"'{Text(4)}' has no rate: add it to Audit:CurrencyRates or use one of {string.Join(", ", currencies.Order(StringComparer.Ordinal))}");
        }

        var days = (long)values[8]!;
        if (days is < 0 or > 3650)
        {
            errors.Add(row, "deadline_days", $"{days} is out of range: days after the decision date, 0 to 3650");
        }

        return errors.Total > before
            ? null
            : new Remedy(Text(0), rules, Text(2), costs, Text(4), retires, (bool)values[6]!, Text(7), (int)days, Text(9));
    }

    private static RemedyCost? ParseCost(string part)
    {
        var space = part.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var unit = part[..space];
        var range = part[(space + 1)..].Trim().Split('-');
        if (!RemedyCostUnits.All.Contains(unit) || range.Length != 2
            || !decimal.TryParse(range[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var low)
            || !decimal.TryParse(range[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var high)
            || low < 0 || high < low)
        {
            return null;
        }

        return new RemedyCost(unit, low, high);
    }
}
