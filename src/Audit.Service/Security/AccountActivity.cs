using System.Globalization;
using Audit.Service.Data;

namespace Audit.Service.Security;

/// <summary>One thing that happened to an account, in words, from its audit entries.</summary>
public sealed record AccountEvent(DateTime At, string Action, string Text);

/// <summary>
/// What happened to an account, read from the audit log by its subject ("user NAME"): the account page lists it, and
/// the next sign-in tells the holder what happened since the previous one (failed attempts, a password set or sessions
/// ended by someone else): the notification ASVS 2.2.3 / 2.5.5 ask for, where accounts carry no e-mail address.
/// </summary>
public sealed class AccountActivity(AuditTrail trail)
{
    private static readonly HashSet<string> Told =
    [
        AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.SignInThrottled, AuditActions.UserSetPassword,
        AuditActions.UserChangePassword, AuditActions.UserEndSessions, AuditActions.UserDisable, AuditActions.UserEnable,
        AuditActions.UserCreate,
    ];

    /// <summary>The account's events, newest first.</summary>
    public async Task<IReadOnlyList<AccountEvent>> RecentAsync(string userName, int limit, CancellationToken cancellationToken = default) =>
        (await trail.ListAsync(new AuditQuery(Subject: Subject(userName), Limit: limit * 2), cancellationToken))
            .Where(e => Told.Contains(e.Action)).Take(limit).Select(e => Describe(userName, e)).ToList();

    /// <summary>
    /// Sentences for the holder at sign-in, called once its sign-in entry is written: failed attempts and what others
    /// did to the account between the previous sign-in and this one (read by entry order, not by clock). Nothing for a
    /// first sign-in that nobody tried to guess.
    /// </summary>
    public async Task<IReadOnlyList<string>> SinceLastSignInAsync(string userName, CancellationToken cancellationToken = default)
    {
        var recent = await trail.ListAsync(new AuditQuery(Subject: Subject(userName), Limit: 1000), cancellationToken);
        var previous = recent.Where(e => e.Action == AuditActions.SignIn).Skip(1).FirstOrDefault();
        var entries = recent.Skip(recent.Count > 0 && recent[0].Action == AuditActions.SignIn ? 1 : 0).TakeWhile(e => e.Action != AuditActions.SignIn).ToList();
        var lines = new List<string>();
        var failed = entries.Where(e => e.Action == AuditActions.SignInFailed).ToList();
        if (failed.Count > 0)
        {
            var last = failed[0];
            lines.Add($"{failed.Count} failed sign-in attempt{(failed.Count == 1 ? string.Empty : "s")} {(previous is null ? "before this first sign-in" : $"since your last sign-in on {Time(previous.At)}")}; the latest {Time(last.At)}{From(last.Request)}.");
        }

        var throttled = entries.Count(e => e.Action == AuditActions.SignInThrottled);
        if (throttled > 0)
        {
            lines.Add($"Sign-in to your account was held back {throttled} time{(throttled == 1 ? string.Empty : "s")} after too many failed attempts.");
        }

        foreach (var e in entries.Where(e => (e.Action is AuditActions.UserSetPassword or AuditActions.UserEndSessions or AuditActions.UserEnable) && e.Actor != userName).Reverse())
        {
            lines.Add(Describe(userName, e).Text + ".");
        }

        if (lines.Count > 0)
        {
            lines.Add("If this was not you or your administrator, tell your administrator now.");
        }

        return lines;
    }

    private static string Subject(string userName) => $"user {userName}";

    private static AccountEvent Describe(string userName, AuditRecord e)
    {
        var by = e.Actor == userName ? "by you" : $"by {e.Actor}";
        var text = e.Action switch
        {
            AuditActions.SignIn => $"Signed in{From(e.Request)} on {Time(e.At)}",
            AuditActions.SignInFailed => $"Failed sign-in attempt{From(e.Request)} on {Time(e.At)}",
            AuditActions.SignInThrottled => $"Sign-in held back after failed attempts{From(e.Request)} on {Time(e.At)}",
            AuditActions.UserSetPassword => $"Password set {by} on {Time(e.At)}; every session ended",
            AuditActions.UserChangePassword => $"Password changed {by} on {Time(e.At)}; other sessions ended",
            AuditActions.UserEndSessions => $"Sessions ended {by} on {Time(e.At)}",
            AuditActions.UserDisable => $"Account disabled {by} on {Time(e.At)}",
            AuditActions.UserEnable => $"Account enabled again {by} on {Time(e.At)}",
            AuditActions.UserCreate => $"Account created {by} on {Time(e.At)}",
            _ => $"{e.Action} {by} on {Time(e.At)}",
        };
        return new AccountEvent(e.At, e.Action, text);
    }

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    // The sign-in entries' request reads "POST /sign-in from ADDRESS (trace)".
    private static string From(string? request)
    {
        if (request is null)
        {
            return string.Empty;
        }

        var start = request.IndexOf(" from ", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = request.IndexOf(" (", start + 6, StringComparison.Ordinal);
        return $" from {(end < 0 ? request[(start + 6)..] : request[(start + 6)..end])}";
    }
}
