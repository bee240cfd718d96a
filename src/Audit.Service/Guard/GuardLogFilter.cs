using System.Globalization;

namespace Audit.Service.Guard;

/// <summary>The decision log's filters as the API and the /guard page take them: exact codes only, or a named error.</summary>
public static class GuardLogFilter
{
    public static readonly IReadOnlyList<string> Decisions = Enum.GetValues<GuardAnswer>().Select(a => Codes.ToCode(a)).ToList();

    /// <summary>A decision id as the guard makes them: 32 lower-case hex digits.</summary>
    public static bool IsDecisionId(string? id) => id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>The alert list's query, or null with <paramref name="error"/> naming the field at fault.</summary>
    public static GuardAlertQuery? TryReadAlerts(string? rule, string? job, string? since, int limit, int maxLimit, out string? error)
    {
        if (!string.IsNullOrEmpty(rule) && !Enum.GetNames<RuleCode>().Contains(rule, StringComparer.Ordinal))
        {
            error = $"rule: one of {string.Join(", ", Enum.GetNames<RuleCode>())}.";
            return null;
        }

        return TryRead(null, job, since, limit, maxLimit, out error) is { } query
            ? new GuardAlertQuery(string.IsNullOrEmpty(rule) ? null : rule, query.Job, query.Since, query.Limit)
            : null;
    }

    /// <summary>The query, or null with <paramref name="error"/> naming the field at fault.</summary>
    public static GuardDecisionQuery? TryRead(string? decision, string? job, string? since, int limit, int maxLimit, out string? error)
    {
        error = null;
        if (!string.IsNullOrEmpty(decision) && !Decisions.Contains(decision, StringComparer.Ordinal))
        {
            error = $"decision: one of {string.Join(", ", Decisions)}.";
            return null;
        }

        DateTime? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (!DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                error = $"since: '{since}' is not a day (yyyy-MM-dd).";
                return null;
            }

            from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        if (limit < 1 || limit > maxLimit)
        {
            error = $"limit: 1 to {maxLimit}.";
            return null;
        }

        return new GuardDecisionQuery(string.IsNullOrEmpty(decision) ? null : decision, string.IsNullOrWhiteSpace(job) ? null : job, from, limit);
    }
}
