namespace Audit.Service.Configuration;

/// <summary>The "Guard" settings: how the guard answers a pipeline that asks before it runs.</summary>
public sealed class GuardOptions
{
    public const string SectionName = "Guard";
    public const string Deny = "deny";
    public const string Allow = "allow";

    /// <summary>An input no lineage has named: "deny" (default: what it holds is unknown) or "allow" (judged as holding nothing).</summary>
    public string UnknownInputs { get; set; } = Deny;

    /// <summary>Days a logged decision (and its exclusions) is kept; 0 keeps every one, as scans are kept.</summary>
    public int KeepDecisionsDays { get; set; }

    /// <summary>Where alerts are posted (Guard:Webhooks:N:Url), each body signed with its Guard:Webhooks:N:Secret.</summary>
    public List<GuardWebhook> Webhooks { get; set; } = [];

    /// <summary>Who is mailed each alert when Delivery:Smtp:Host is set.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Judgements at once (decisions and alerts); each holds the facts in memory, so more callers wait.</summary>
    public int ConcurrentJudgements { get; set; } = 2;

    public bool DeniesUnknownInputs => UnknownInputs == Deny;
}

/// <summary>A receiver of the guard's alerts: its URL and the secret its signature is made with.</summary>
public sealed class GuardWebhook
{
    public const int MinSecretLength = 16;

    public string Url { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;
}
