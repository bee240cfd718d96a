using System.Text.Json.Nodes;

namespace Audit.Service.Tests.OpenLineage;

/// <summary>
/// OpenLineage 2-0-2 RunEvents written for these tests, shaped like the public samples: a minimal event
/// (Marquez's event_simple), a full event with run, job, input and output facets (the Python client's
/// example_full_event) and a Spark-integration event with a columnLineage facet (compatibility-tests CLL).
/// </summary>
public static class LineageFixtures
{
    public const string RunId = "41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7";

    public const string Minimal = """
        {
          "eventType": "COMPLETE",
          "eventTime": "2020-12-28T19:52:00.001+10:00",
          "run": { "runId": "41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7" },
          "job": { "namespace": "my-scheduler-namespace", "name": "myjob" },
          "inputs": [
            { "namespace": "my-datasource-namespace", "name": "instance.schema.input-1" },
            { "namespace": "my-datasource-namespace", "name": "instance.schema.input-2" }
          ],
          "outputs": [
            { "namespace": "my-datasource-namespace", "name": "instance.schema.output-1" }
          ],
          "producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
          "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"
        }
        """;

    public const string Full = """
        {
          "eventType": "COMPLETE",
          "eventTime": "2020-12-28T19:51:01.641Z",
          "run": {
            "runId": "ea041791-68bc-4ae1-bd89-4c8106a157e4",
            "facets": {
              "nominalTime": {
                "_producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
                "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json",
                "nominalStartTime": "2020-12-17T03:00:00.001Z",
                "nominalEndTime": "2020-12-17T04:00:00.001Z"
              },
              "parent": {
                "_producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
                "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json",
                "run": { "runId": "3f5e83fa-3480-44ff-99c5-ff943904e5e8" },
                "job": { "namespace": "my-scheduler-namespace", "name": "myjob" }
              },
              "acme_costCenter": { "_producer": "https://acme.example", "_schemaURL": "https://acme.example/cc.json", "code": "CC-42" }
            }
          },
          "job": {
            "namespace": "my-scheduler-namespace",
            "name": "myjob.mytask",
            "facets": {
              "documentation": {
                "_producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
                "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/DocumentationJobFacet.json",
                "description": "Copies the table nightly"
              }
            }
          },
          "inputs": [
            {
              "namespace": "my-datasource-namespace",
              "name": "instance.schema.source",
              "inputFacets": {
                "dataQualityAssertions": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json",
                  "assertions": [ { "assertion": "row_count_equal_to", "success": true } ]
                }
              },
              "facets": {
                "schema": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json",
                  "fields": [ { "name": "column1", "type": "VARCHAR" } ]
                },
                "acme_retention": { "_producer": "https://acme.example", "_schemaURL": "https://acme.example/retention.json", "days": 30 }
              }
            }
          ],
          "outputs": [
            {
              "namespace": "my-datasource-namespace",
              "name": "instance.schema.target",
              "outputFacets": {
                "outputStatistics": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json",
                  "rowCount": 2000,
                  "size": 2097152
                }
              },
              "facets": {
                "schema": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json",
                  "fields": [ { "name": "column1", "type": "VARCHAR" } ]
                }
              }
            }
          ],
          "producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
          "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"
        }
        """;

    /// <summary>
    /// A Spark job joining raw sessions (masked on the way) with an incident table (aggregated) into a
    /// training dataset the auditClassification facet declares.
    /// </summary>
    public const string SparkColumnLineage = """
        {
          "eventTime": "2024-08-06T13:26:54.34Z",
          "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.19.0/integration/spark",
          "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
          "eventType": "COMPLETE",
          "run": {
            "runId": "019127df-0850-72bc-b214-b255290588a6",
            "facets": {
              "spark.logicalPlan": {
                "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.19.0/integration/spark",
                "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                "plan": [ { "class": "org.apache.spark.sql.catalyst.plans.logical.Aggregate", "num-children": 1 } ]
              }
            }
          },
          "job": { "namespace": "spark", "name": "curate_sessions.execute_insert_into" },
          "inputs": [
            { "namespace": "file", "name": "/data/raw_sessions", "facets": {} },
            { "namespace": "file", "name": "/data/incidents", "facets": {} }
          ],
          "outputs": [
            {
              "namespace": "file",
              "name": "/data/training_sessions",
              "facets": {
                "symlinks": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.19.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json",
                  "identifiers": [ { "namespace": "file:/data", "name": "default.training_sessions", "type": "TABLE" } ]
                },
                "lifecycleStateChange": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.19.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json",
                  "lifecycleStateChange": "CREATE"
                },
                "auditClassification": { "kind": "training_dataset", "commercial": false },
                "columnLineage": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.19.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/ColumnLineageDatasetFacet.json",
                  "fields": {
                    "keystrokes": {
                      "inputFields": [
                        {
                          "namespace": "file", "name": "/data/raw_sessions", "field": "keys",
                          "transformations": [ { "type": "DIRECT", "subtype": "IDENTITY", "description": "", "masking": true } ]
                        }
                      ]
                    },
                    "incident_count": {
                      "inputFields": [
                        {
                          "namespace": "file", "name": "/data/incidents", "field": "id",
                          "transformations": [
                            { "type": "DIRECT", "subtype": "AGGREGATION", "description": "count(id)", "masking": false },
                            { "type": "INDIRECT", "subtype": "GROUP_BY", "description": "", "masking": false }
                          ]
                        }
                      ]
                    }
                  }
                }
              }
            }
          ]
        }
        """;

    /// <summary>One event per line, as an NDJSON feed carries them.</summary>
    public static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();

    /// <summary>
    /// A weekly job reading <c>raw</c> into <c>train</c>: for each day, a START at 02:00 and a COMPLETE at
    /// 04:00 with a run id of its own.
    /// </summary>
    public static List<string> WeeklyRuns(params string[] days)
    {
        var lines = new List<string>();
        foreach (var (day, index) in days.Select((d, i) => (d, i)))
        {
            var runId = $"00000000-0000-4000-8000-{index + 1:D12}";
            foreach (var (type, hour) in new[] { ("START", "02"), ("COMPLETE", "04") })
            {
                lines.Add(Event(type, $"{day}T{hour}:00:00Z", runId, "raw", "train"));
            }
        }

        return lines;
    }

    public static string Event(string eventType, string eventTime, string runId, string input, string output) =>
        new JsonObject
        {
            ["eventType"] = eventType,
            ["eventTime"] = eventTime,
            ["run"] = new JsonObject { ["runId"] = runId },
            ["job"] = new JsonObject { ["namespace"] = "ml", ["name"] = "curate" },
            ["inputs"] = new JsonArray(new JsonObject { ["namespace"] = "s3://cap", ["name"] = input }),
            ["outputs"] = new JsonArray(new JsonObject { ["namespace"] = "s3://ml", ["name"] = output }),
            ["producer"] = "https://example.test/pipelines",
            ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        }.ToJsonString();
}
