namespace Audit.Reports.Export;

/// <summary>
/// CSV injection (OWASP): a spreadsheet opening a CSV runs a cell that begins with '=', '+', '-', '@', a tab or a
/// carriage return as a formula. Such a cell is written with a leading apostrophe, which the spreadsheet shows as
/// text and a reader sees for what it is; data from imports or lineage events (names, paths) can hold anything.
/// </summary>
public static class CsvInjection
{
    public static string Neutralise(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;
}
