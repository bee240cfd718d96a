using System.Text.Json;
using Audit.Service.Cli;
using Audit.Service.Guard;

namespace Audit.Service.Tests.Guard;

/// <summary>The decision request read strictly, and NS/NAME split where namespaces hold '/'.</summary>
public sealed class FlowRequestTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    private static ProposedFlow Parse(string json) => FlowRequest.Parse(JsonDocument.Parse(json).RootElement, Now);

    [Fact]
    public void AFullRequest_ReadsEveryField()
    {
        var flow = Parse("""
            {"job":{"namespace":"ml","name":"train"},"inputs":[{"namespace":"s3://a","name":"raw/x"}],
             "outputs":[{"namespace":"s3://b","name":"set","kind":"model"}],"purpose":"analytics","asOf":"2026-10-31T10:15:00+02:00"}
            """);

        Assert.Equal(new LineageName("ml", "train"), flow.Job);
        Assert.Equal([new LineageName("s3://a", "raw/x")], flow.Inputs);
        Assert.Equal([new ProposedOutput(new LineageName("s3://b", "set"), DatasetKind.Model)], flow.Outputs);
        Assert.Equal(Purpose.Productivity, flow.Purpose);
        Assert.Equal(new DateTime(2026, 10, 31, 8, 15, 0, DateTimeKind.Utc), flow.At);
    }

    [Fact]
    public void NoAsOf_IsNow_AndADay_IsItsEnd()
    {
        const string body = """{"job":{"namespace":"ml","name":"t"},"inputs":[{"namespace":"a","name":"b"}],"outputs":[{"namespace":"a","name":"c"}],"purpose":"ai_training"}""";
        Assert.Equal(Now, Parse(body).At);
        Assert.Equal(new DateTime(2026, 10, 31, 23, 59, 59, DateTimeKind.Utc), Parse(body.Replace("}]," + "\"purpose\"", "}],\"asOf\":\"2026-10-31\",\"purpose\"", StringComparison.Ordinal)).At);

        // Today's end is later than now: a day is never read as after now.
        Assert.Equal(Now, FlowRequest.Instant("2026-12-06", "asOf", Now));
    }

    [Theory]
    [InlineData("2026-10-31T10:15:00", "asOf")]
    [InlineData("2026-12-07T00:00:00Z", "asOf")]
    [InlineData("31/10/2026", "asOf")]
    public void InstantsWithoutAnOffset_OrInTheFuture_AreRefused(string text, string field)
    {
        var ex = Assert.Throws<FlowRequestException>(() => FlowRequest.Instant(text, field, Now));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void ANamespaceHoldingSlashes_SplitsAtTheLongestKnownOne_AndAnAmbiguousNameIsRefused()
    {
        var namespaces = new HashSet<string>(StringComparer.Ordinal) { "s3://lake", "s3://lake/raw", "ml" };
        var known = new HashSet<LineageName> { new("s3://lake", "raw/x"), new("s3://lake/raw", "x"), new("s3://lake", "curated/y") };

        Assert.Equal(new LineageName("s3://lake", "curated/y"), CliNames.Split("s3://lake/curated/y", "--input", namespaces, known.Contains));
        Assert.Equal(new LineageName("ml", "shadow-train"), CliNames.Split("ml/shadow-train", "--job", namespaces, _ => false));
        Assert.Equal(new LineageName("s3://new-bucket", "a/b"), CliNames.Split("s3://new-bucket/a/b", "--output", namespaces, known.Contains));
        var ambiguous = Assert.Throws<FlowRequestException>(() => CliNames.Split("s3://lake/raw/x", "--input", namespaces, known.Contains));
        Assert.Equal("--input", ambiguous.Field);
        Assert.Contains("namespace 's3://lake/raw' name 'x'", ambiguous.Message, StringComparison.Ordinal);
    }
}
