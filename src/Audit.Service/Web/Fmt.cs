using System.Globalization;

namespace Audit.Service.Web;

/// <summary>How pages print numbers and dates: invariant, as the reports do (1,234; 2026-10-31).</summary>
public static class Fmt
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateTime? at) => at?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    public static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(decimal n) => n.ToString("#,##0.####", CultureInfo.InvariantCulture);

    /// <summary>What a downloadable file is, in a user's words, from its extension.</summary>
    public static string FileLabel(string file) => Path.GetExtension(file).ToUpperInvariant() switch
    {
        ".PDF" => "PDF",
        ".XLSX" => "Workbook (Excel)",
        ".CSV" => "CSV",
        ".JSON" => "Manifest (JSON)",
        var other => other.TrimStart('.'),
    };
}
