using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Audit.Service.Security;

namespace Audit.Service.IntegrationTests;

/// <summary>
/// The guard as a pipeline calls it (issue 22), on the demo organisation: the flows the issue names, the answers'
/// shape, the exclusions download, the decision log, and what bad bodies and other roles get.
/// </summary>
public sealed class GuardApiTests(FindingsApp fixture) : IClassFixture<FindingsApp>
{
    private const string Capture = "s3://northwind-capture";
    private const string Ml = "s3://northwind-ml";

    private static object Flow(string job, string input, string output, string purpose, string? inputNs = Capture, string outputNs = Ml) => new
    {
        job = new { @namespace = job.Split('/')[0], name = job.Split('/')[1] },
        inputs = new[] { new { @namespace = inputNs, name = input } },
        outputs = new[] { new { @namespace = outputNs, name = output } },
        purpose,
    };

    private async Task<JsonElement> DecideAsync(object flow, Role role = Role.Ingest)
    {
        using var client = fixture.App.Client(role);
        using var response = await client.PostAsJsonAsync("/api/v1/guard/decisions", flow);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ShadowTraining_FromTheIncidentResponseStore_IsDenied_WithR1AmongTheReasons()
    {
        var answer = await DecideAsync(Flow("ml/shadow-train", "dlp/incident-response", "training/agent-trajectories", "ai_training"));

        Assert.Equal("deny", answer.GetProperty("decision").GetString());
        var r1 = answer.GetProperty("reasons").EnumerateArray().First(r => r.GetProperty("rule").GetString() == "R1");
        Assert.True(r1.GetProperty("workers").GetInt32() > 0 && r1.GetProperty("batches").GetInt64() > 0);
        Assert.Equal([$"{Capture}/dlp/raw", $"{Capture}/dlp/incident-response", $"{Ml}/training/agent-trajectories"], r1.GetProperty("path").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("exclusions").GetProperty("href").ValueKind);
        Assert.Equal(32, answer.GetProperty("decisionId").GetString()!.Length);
        Assert.True(answer.GetProperty("basis").GetProperty("scanId").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("basis").GetProperty("theoriesVersion").GetString()));
    }

    [Fact]
    public async Task ProductivityAnalytics_IntoANewAnalyticsDataset_IsAllowed()
    {
        var answer = await DecideAsync(Flow("analytics/weekly-report", "analytics/productivity", "analytics/weekly-report", "analytics", outputNs: Capture));

        Assert.Equal("allow", answer.GetProperty("decision").GetString());
        Assert.Empty(answer.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task AnOutputThatFlowsOnIntoTraining_CountsAsTraining_WhateverThePurposeSays()
    {
        // training/agent-trajectories feeds the commercial model: writing security telemetry there "for analytics" is training.
        var answer = await DecideAsync(Flow("analytics/sneaky", "dlp/incident-response", "training/agent-trajectories", "analytics"));

        Assert.Equal("deny", answer.GetProperty("decision").GetString());
        Assert.Contains(answer.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "R1");
    }

    [Fact]
    public async Task OptedOutAndUnconsentedWorkers_AreExclusions_AndTheCsvListsExactlyThem()
    {
        var answer = await DecideAsync(Flow("ml/assist-sft-v3", "annotation/raw", "training/assist-sft-v3", "ai_training"));

        Assert.Equal("allow_with_exclusions", answer.GetProperty("decision").GetString());
        var exclusions = answer.GetProperty("exclusions");
        var href = exclusions.GetProperty("href").GetString()!;
        using var client = fixture.App.Client(Role.Ingest);
        using var csv = await client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("batch_id,worker_id,tool_id,config_version,dataset,captured_from,captured_to,rules", lines[0]);
        Assert.Equal(exclusions.GetProperty("batches").GetInt32(), lines.Length - 1);
        Assert.Equal(exclusions.GetProperty("workers").GetInt32(), lines.Skip(1).Select(l => l.Split(',')[1]).Distinct().Count());
        var held = answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("rule").GetString()!).ToHashSet();
        Assert.All(lines.Skip(1), l => Assert.Superset(held, l.Split(",")[7].Split(";").ToHashSet()));
        Assert.DoesNotContain("R1", held);
    }

    [Fact]
    public async Task AnInputNobodyHasSeen_IsDeniedByDefault()
    {
        var answer = await DecideAsync(Flow("ml/mystery", "nowhere/at-all", "training/mystery", "ai_training", inputNs: "s3://unknown"));

        Assert.Equal("deny", answer.GetProperty("decision").GetString());
        Assert.Equal("unknown-input", answer.GetProperty("reasons")[0].GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("""{"job":{"namespace":"ml","name":"x"},"inputs":[{"namespace":"a","name":"b"}],"ouputs":[],"purpose":"ai_training"}""", "ouputs")]
    [InlineData("""{"job":{"namespace":"ml"},"inputs":[{"namespace":"a","name":"b"}],"outputs":[{"namespace":"a","name":"c"}],"purpose":"ai_training"}""", "job.name")]
    [InlineData("""{"job":{"namespace":"ml","name":"x"},"inputs":[{"namespace":"a","name":"b"}],"outputs":[{"namespace":"a","name":"c"}],"purpose":"AI_TRAINING"}""", "purpose")]
    [InlineData("""{"job":{"namespace":"ml","name":"x"},"inputs":[{"namespace":"a","name":""}],"outputs":[{"namespace":"a","name":"c"}],"purpose":"ai_training"}""", "inputs[0].name")]
    [InlineData("""{"job":{"namespace":"ml","name":"x"},"inputs":[{"namespace":"a","name":"b"}],"outputs":[{"namespace":"a","name":"c","kind":"lake"}],"purpose":"ai_training"}""", "outputs[0].kind")]
    [InlineData("""{"job":{"namespace":"ml","name":"x"},"inputs":[{"namespace":"a","name":"b"}],"outputs":[{"namespace":"a","name":"c"}],"purpose":"ai_training","asOf":"2999-01-01T00:00:00Z"}""", "asOf")]
    [InlineData("""{"job":{"namespace":"ml","name":"x"},"inputs":[{"namespace":"a","name":"b"}],"outputs":[{"namespace":"a","name":"c"}],"purpose":"ai_training","asOf":"2026-10-31 12:00"}""", "asOf")]
    [InlineData("""{"job":{"namespace":"ml","name":"x"},"inputs":[],"outputs":[{"namespace":"a","name":"c"}],"purpose":"ai_training"}""", "inputs")]
    [InlineData("""[1,2]""", "$")]
    [InlineData("""{"job":""", "$")]
    public async Task MalformedBodies_Are400ProblemJson_NamingTheField(string body, string field)
    {
        using var client = fixture.App.Client(Role.Ingest);
        using var response = await client.PostAsync(new Uri("/api/v1/guard/decisions", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData(Role.Compliance)]
    [InlineData(Role.Counsel)]
    [InlineData(Role.Board)]
    public async Task OtherRoles_MayNotAsk(Role role)
    {
        using var client = fixture.App.Client(role);
        using var response = await client.PostAsJsonAsync("/api/v1/guard/decisions", Flow("ml/x", "dlp/raw", "training/x", "ai_training"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EveryDecision_IsLogged_WithWhoAsked_InTheDecisionLogAndTheAuditTrail()
    {
        var answer = await DecideAsync(Flow("ml/logged-job", "dlp/incident-response", "training/agent-trajectories", "ai_training"));
        var id = answer.GetProperty("decisionId").GetString()!;

        using var compliance = fixture.App.Client(Role.Compliance);
        var log = await compliance.GetFromJsonAsync<JsonElement>("/api/v1/guard/decisions?job=ml/logged-job&decision=deny");
        var logged = Assert.Single(log.EnumerateArray());
        Assert.Equal(id, logged.GetProperty("decisionId").GetString());
        Assert.Equal("test Ingest", logged.GetProperty("actor").GetString());
        Assert.Equal(HttpStatusCode.OK, (await compliance.GetAsync(new Uri($"/api/v1/guard/decisions/{id}", UriKind.Relative))).StatusCode);

        using var ingest = fixture.App.Client(Role.Ingest);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.GetAsync(new Uri("/api/v1/guard/decisions", UriKind.Relative))).StatusCode);
        using var board = fixture.App.Client(Role.Board);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync(new Uri($"/api/v1/guard/decisions/{id}", UriKind.Relative))).StatusCode);

        var trail = await fixture.App.QueryAsync<string>("SELECT Subject FROM AuditLog WHERE Action = 'guard-decision'");
        Assert.Contains($"decision {id}", trail);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    public async Task UnknownOrMalformedDecisionIds_Are404(string id)
    {
        using var client = fixture.App.Client(Role.Compliance);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/v1/guard/decisions/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/v1/guard/decisions/{id}/exclusions.csv", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task BadLogFilters_Are400_NamingTheFilter()
    {
        using var client = fixture.App.Client(Role.Compliance);
        using var response = await client.GetAsync(new Uri("/api/v1/guard/decisions?decision=Deny", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("decision", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
