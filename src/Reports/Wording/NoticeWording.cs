namespace Audit.Reports.Wording;

/// <summary>The disclosure reader's codes in a reader's words (the JSON and the workbook keep the codes).</summary>
public static class NoticeWording
{
    public static string AiTraining(string? code) => code switch
    {
        "specific" => "Specific: a plain sentence says recordings train AI",
        "vague" => "Vague: only catch-alls or a hedged mention",
        "absent" => "Absent: nothing about AI training, or a denial",
        null => "no text imported",
        _ => code,
    };

    public static string OptOut(string? code) => code switch
    {
        "described" => "Described: a way out the worker can take",
        "absent" => "Absent: no word of one",
        "not_real" => "Not real: none, or only by moving, leaving or the device",
        null => "no text imported",
        _ => code,
    };

    public static string Consent(string? code) => code switch
    {
        "separate" => "Separate: a choice of its own",
        "bundled" => "Bundled with the job, the handbook or device use",
        "not_stated" => "Not stated",
        null => "no text imported",
        _ => code,
    };

    public static string Problem(string code) => code switch
    {
        "vague-purpose" => "Catch-all purpose",
        "hedged-ai-training" => "AI training only hedged",
        "ai-training-absent" => "AI training not said",
        "denies-ai-training" => "Denies AI training",
        "opt-out-not-real" => "Opt-out not real",
        "opt-out-absent" => "No opt-out",
        "bundled-consent" => "Bundled consent",
        "claims-past-data" => "Claims past data",
        "capability-not-named" => "Capture not named",
        "purpose-not-in-text" => "Record claims more than the text",
        "opt-out-contradicted" => "Opt-out the records deny",
        "opt-out-not-in-text" => "Opt-out missing from the text",
        "no-text" => "No text imported",
        _ => code,
    };
}
