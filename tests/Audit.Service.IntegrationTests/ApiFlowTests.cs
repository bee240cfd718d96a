using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Audit.Service.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.IntegrationTests;

/// <summary>What users do through the API, end to end on the real app: downloads, exports, imports, status of jobs.</summary>
public sealed class ApiFlowTests(ApiRolesApp fixture) : IClassFixture<ApiRolesApp>
{
    [Fact]
    public async Task Download_EveryFile_AuditEntryCarriesTheSha256OfTheBytesServed()
    {
        using var compliance = fixture.App.Client(Role.Compliance);
        using var counsel = fixture.App.Client(Role.Counsel);
        var export = await counsel.GetFromJsonAsync<JsonElement>($"/api/v1/exports/{fixture.ExportId}");
        var exportFiles = export.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains("manifest.json", exportFiles);
        Assert.True(exportFiles.Count >= 3, string.Join(", ", exportFiles));

        var downloads = new List<(HttpClient Client, string Path, string Caller)>
        {
            (compliance, $"/api/v1/reports/monthly/{fixture.MonthlyReportId}/files/compliance-report-2026-10.pdf", "test Compliance"),
            (compliance, $"/api/v1/reports/board/{fixture.BoardReportId}/files/board-summary-2026-Q3.pdf", "test Compliance"),
        };
        downloads.AddRange(exportFiles.Select(f => (counsel, $"/api/v1/exports/{fixture.ExportId}/files/{f}", "test Counsel")));

        foreach (var (client, path, caller) in downloads)
        {
            var bytes = await client.GetByteArrayAsync(new Uri(path, UriKind.Relative));

            var entry = (await fixture.App.QueryAsync<(string Actor, string Role, string Request, string Sha256)>(
                "SELECT Actor, Role, Request, Sha256 FROM AuditLog WHERE Action = 'download' ORDER BY AuditId DESC LIMIT 1")).Single();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.Sha256);
            Assert.Equal(caller, entry.Actor);
            Assert.StartsWith($"GET {path}", entry.Request, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ExportManifest_HashesMatchTheFilesServed()
    {
        using var counsel = fixture.App.Client(Role.Counsel);

        var manifest = await counsel.GetFromJsonAsync<JsonElement>($"/api/v1/exports/{fixture.ExportId}/files/manifest.json");

        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            var bytes = await counsel.GetByteArrayAsync(new Uri($"/api/v1/exports/{fixture.ExportId}/files/{file.GetProperty("fileName").GetString()}", UriKind.Relative));
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    [Fact]
    public async Task ExportRequest_IsInTheAuditLogWithItsScope()
    {
        using var counsel = fixture.App.Client(Role.Counsel);
        using var ingest = fixture.App.Client(Role.Ingest);
        using (var workers = await ingest.PostAsync(new Uri("/api/v1/imports/workers?file=workers.csv", UriKind.Relative), new StringContent(
            "worker_id,display_name,employment_type,hire_date,termination_date,termination_reason\nW-1,,employee,2024-01-01,,\nW-2,,contractor,2024-02-01,,\n", Encoding.UTF8, "text/csv")))
        {
            workers.EnsureSuccessStatusCode();
        }

        using var response = await counsel.PostAsJsonAsync("/api/v1/exports", new { matterId = "2026-CV-0777", workerIds = (string[])["W-2", "W-1"] });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("jobId").GetString();
        Assert.EndsWith($"/api/v1/exports/{jobId}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var entry = (await fixture.App.QueryAsync<(string Actor, string Subject, string Details)>(
            "SELECT Actor, Subject, Details FROM AuditLog WHERE Action = 'export-request' ORDER BY AuditId DESC LIMIT 1")).Single();
        Assert.Equal(("test Counsel", $"export {jobId}"), (entry.Actor, entry.Subject));
        Assert.Contains("2026-CV-0777", entry.Details, StringComparison.Ordinal);
        Assert.Contains("[\"W-1\",\"W-2\"]", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "matterId")]
    [InlineData("{\"matterId\":\"M-1\",\"from\":\"2026-13-01\"}", "from: '2026-13-01'")]
    [InlineData("{\"matterId\":\"M-1\",\"from\":\"2026-06-01\",\"to\":\"2026-01-01\"}", "from: 2026-06-01 is after to")]
    [InlineData("{\"matterId\":\"M-1\",\"workerIds\":[\"W-404\"]}", "workerIds: no worker 'W-404' in the data")]
    [InlineData("{\"matterId\":\"M-1\",\"model\":\"models/none\"}", "model: no model 'models/none' in the data")]
    [InlineData("{\"matterId\":\"M-1\",\"dataset\":\"nowhere\"}", "dataset: no dataset 'nowhere' in the data")]
    public async Task ExportRequest_BadScope_Is400NamingTheFieldAndQueuesNothing(string body, string expected)
    {
        using var counsel = fixture.App.Client(Role.Counsel);

        using var response = await counsel.PostAsync(new Uri("/api/v1/exports", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.App.QueryAsync<long>("SELECT AuditId FROM AuditLog WHERE Action = 'export-request' AND Details LIKE '%\"M-1\"%'"));
    }

    [Fact]
    public async Task Import_RefusedFile_Is400WithLocatedErrorsAndWritesNothing()
    {
        using var ingest = fixture.App.Client(Role.Ingest);
        var before = (await fixture.App.QueryAsync<long>("SELECT COUNT(*) FROM Program"))[0];
        var csv = "program_id,name,purpose,eu_exempt,eu_exemption_rationale,opt_out,opt_out_description,compensation_policy\n"
            + "P-9,Fine,model training,false,,none,,\nP-10,Bad,model training,maybe,,none,,\n";

        using var response = await ingest.PostAsync(new Uri("/api/v1/imports/programs?file=programs-2026.csv", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var located = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("located").GetString()).ToList();
        Assert.StartsWith("programs-2026.csv:3:eu_exempt:", Assert.Single(located), StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.App.QueryAsync<long>("SELECT COUNT(*) FROM Program"))[0]);
        var entry = (await fixture.App.QueryAsync<(string Actor, string Details)>("SELECT Actor, Details FROM AuditLog WHERE Action = 'import' AND Role = 'ingest' ORDER BY AuditId DESC LIMIT 1")).Single();
        Assert.Equal(("test Ingest", "refused: 1 errors"), (entry.Actor, entry.Details));
    }

    [Fact]
    public async Task Import_MultipartUpload_ImportsTheFileUnderItsName()
    {
        using var ingest = fixture.App.Client(Role.Ingest);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("program_id,name,purpose,eu_exempt,eu_exemption_rationale,opt_out,opt_out_description,compensation_policy\nP-77,Form upload,model training,false,,none,,\n"), "file", "programs-form.csv" },
        };

        using var response = await ingest.PostAsync(new Uri("/api/v1/imports/programs", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("programs-form.csv", 1), (outcome.GetProperty("file").GetString(), outcome.GetProperty("rows").GetInt32()));
        Assert.Single(await fixture.App.QueryAsync<string>("SELECT ProgramId FROM Program WHERE ProgramId = 'P-77'"));
    }

    [Fact]
    public async Task Import_UnknownKind_Is400ListingTheKinds()
    {
        using var ingest = fixture.App.Client(Role.Ingest);

        using var response = await ingest.PostAsync(new Uri("/api/v1/imports/worker?file=w.csv", UriKind.Relative), new StringContent("a\n1\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("workers, worker-locations", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoardKey_CannotReachAMonthlyReportThroughTheBoardRoute()
    {
        using var board = fixture.App.Client(Role.Board);

        using var response = await board.GetAsync(new Uri($"/api/v1/reports/board/{fixture.MonthlyReportId}/files/compliance-report-2026-10.pdf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Download_PathOutsideTheReportFolder_IsNotFound()
    {
        using var admin = fixture.App.Client(Role.Admin);

        using var response = await admin.GetAsync(new Uri($"/api/v1/reports/monthly/{fixture.MonthlyReportId}/files/..%2F..%2Fdata%2Faudit.db", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task KeyCreatedThroughTheApi_WorksAndIsInTheAuditLog()
    {
        using var admin = fixture.App.Client(Role.Admin);

        using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "airflow prod", role = "ingest" });
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var client = fixture.App.Client(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/session");

        Assert.Equal(("airflow prod", "ingest"), (me.GetProperty("name").GetString(), me.GetProperty("role").GetString()));
        var entry = (await fixture.App.QueryAsync<(string Actor, string Details)>("SELECT Actor, Details FROM AuditLog WHERE Action = 'key-create' ORDER BY AuditId DESC LIMIT 1")).Single();
        Assert.Equal(("test Admin", "name 'airflow prod', role ingest"), (entry.Actor, entry.Details));
    }

    [Fact]
    public async Task SignIn_LocalAccount_CookieCarriesTheRole()
    {
        await fixture.App.Services.GetRequiredService<UserStore>().CreateAsync("officer", Role.Compliance, "correct horse battery", "test");
        using var client = fixture.App.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");

        using var wrong = await client.PostAsJsonAsync("/api/v1/session", new { userName = "officer", password = "wrong password!!" });
        using var right = await client.PostAsJsonAsync("/api/v1/session", new { userName = "officer", password = "correct horse battery" });
        using var reports = await client.GetAsync(new Uri("/api/v1/reports/monthly", UriKind.Relative));
        using var keys = await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (wrong.StatusCode, right.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (reports.StatusCode, keys.StatusCode));
    }

    [Fact]
    public async Task AuditLogEndpoint_FiltersByActionAndShowsTheHash()
    {
        using var compliance = fixture.App.Client(Role.Compliance);
        var bytes = await compliance.GetByteArrayAsync(new Uri($"/api/v1/reports/board/{fixture.BoardReportId}/files/board-summary-2026-Q3.pdf", UriKind.Relative));
        using var admin = fixture.App.Client(Role.Admin);

        var entries = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit-log?action=download&actor=test%20Compliance&limit=1");
        using var badLimit = await admin.GetAsync(new Uri("/api/v1/audit-log?limit=5000", UriKind.Relative));

        var entry = Assert.Single(entries.EnumerateArray());
        Assert.Equal(("download", "compliance", Convert.ToHexStringLower(SHA256.HashData(bytes))),
            (entry.GetProperty("action").GetString(), entry.GetProperty("role").GetString(), entry.GetProperty("sha256").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }
}
