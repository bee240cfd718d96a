using Audit.Reports.Models;
using Audit.Service.Tests.Infrastructure;
using Xunit;
using Audit.Service.Configuration;

namespace Audit.Service.Tests.Rules;

/// <summary>
/// Jurisdiction settings as a user sets them: environment variables (AUDIT_Audit__...) over the shipped
/// appsettings.json, bound by the same service registration the CLI uses, reach the rules as written.
/// </summary>
public sealed class JurisdictionSettingsTests
{
    private const string Rationale = "Art. 88 national law makes training use of employee data unlawful without a works agreement.";

    /// <summary>Environment variables over the shipped appsettings.json, bound like Program.cs binds them.</summary>
    private static AuditOptions Bind(params (string Name, string Value)[] environment) => UserSettings.Bind(environment);

    private static ScanWorld UkWorkerInExemptProgram() => new ScanWorld()
        .Program("mci", euExempt: true, rationale: Rationale)
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", program: "mci")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train")
        .Worker("W1", "GB", "GB-LND")
        .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

    [Fact]
    public void Settings_ExemptionSetsFromEnvironment_ReplaceTheDefaultsInsteadOfAppending()
    {
        var options = Bind(("Audit__Jurisdictions__ExemptionSets__0", "EU/EEA"));

        Assert.Equal(["EU/EEA"], options.Jurisdictions.ExemptionSetNames());
    }

    [Fact]
    public void Settings_NoExemptionSetsConfigured_DefaultsToEuEeaUkAndSwitzerland()
    {
        var options = Bind();

        Assert.Equal(["EU/EEA", "UK", "CH"], options.Jurisdictions.ExemptionSetNames());
        Assert.Contains("GB", options.Jurisdictions.ExemptCountries());
    }

    [Fact]
    public void Settings_CountrySetFromEnvironment_ReplacesThatSetWhole()
    {
        var options = Bind(("Audit__Jurisdictions__Sets__UK__0", "GB"), ("Audit__Jurisdictions__Sets__UK__1", "GG"));

        Assert.Equal(["GB", "GG"], options.Jurisdictions.CountrySets()["UK"]);
        Assert.Contains("DE", options.Jurisdictions.CountrySets()["EU/EEA"]);
    }

    [Fact]
    public void Settings_ExemptionSetThatIsNotDefined_RefusedNamingTheSetting()
    {
        var options = Bind(("Audit__Jurisdictions__ExemptionSets__0", "EU/EAA"));

        var error = Assert.Throws<InvalidOperationException>(() => options.Jurisdictions.ExemptCountries());
        Assert.Contains("Audit:Jurisdictions:ExemptionSets", error.Message, StringComparison.Ordinal);
        Assert.Contains("'EU/EAA'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ExemptionSetsNarrowedByEnvironment_UkWorkerNoLongerCountsAsEuStaff()
    {
        using var world = UkWorkerInExemptProgram();

        var defaults = await world.ScanAsync("2026-10-31", Bind());
        var euOnly = await world.ScanAsync("2026-10-31", Bind(("Audit__Jurisdictions__ExemptionSets__0", "EU/EEA")));

        Assert.Single(defaults.Of(RuleCode.R6, "program"));
        Assert.Empty(euOnly.Of(RuleCode.R6, "program"));
    }
}
