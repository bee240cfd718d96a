using System.Reflection;
using Audit.Reports.Models;
using Audit.Rules;

namespace Audit.Service.Tests.Architecture;

/// <summary>
/// The dependency directions the README's layout section draws, checked on the compiled assemblies:
/// domain ← rules ← service (scan, records, reporting, jobs, API, web, CLI); reports render models and never query;
/// the API and the web pages never touch SQL. Each check names the offending types, so a back edge fails with the
/// place to fix.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly DomainAssembly = typeof(Money).Assembly;
    private static readonly Assembly RulesAssembly = typeof(Evaluator).Assembly;
    private static readonly Assembly ReportsAssembly = typeof(BoardSummary).Assembly;
    private static readonly Assembly ServiceAssembly = typeof(AuditServices).Assembly;

    /// <summary>The namespaces that answer HTTP: they reach data through the stores, never through SQL.</summary>
    private static readonly string[] HttpNamespaces = ["Audit.Service.Apis", "Audit.Service.Web", "Audit.Service.Pages", "Audit.Service.Hosting"];

    [Fact]
    public void The_domain_references_nothing_but_the_runtime()
    {
        Assert.Empty(Dependencies.ReferencesOf(DomainAssembly).Where(a => !Dependencies.IsRuntime(a)).Select(a => a.GetName().Name));
    }

    [Fact]
    public void The_rules_reference_the_domain_and_the_runtime_only()
    {
        var others = Dependencies.ReferencesOf(RulesAssembly).Where(a => a != DomainAssembly && !Dependencies.IsRuntime(a)).Select(a => a.GetName().Name);
        Assert.Empty(others);
    }

    [Fact]
    public void The_rules_do_no_io()
    {
        // No file, network, process or database access: the guard and the planner call them on facts in memory.
        string[] io = ["System.IO", "System.Net", "System.Data", "System.Diagnostics.Process"];
        var offenders = Offenders(RulesAssembly.GetTypes(), t => io.FirstOrDefault(n => (t.Namespace ?? string.Empty).StartsWith(n, StringComparison.Ordinal) || t.FullName == n));
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_reports_do_not_reach_data_access_or_the_service()
    {
        var references = Dependencies.ReferencesOf(ReportsAssembly).Select(a => a.GetName().Name!).ToList();
        Assert.DoesNotContain(references, n => n is "Dapper" or "Audit.Service" or "Audit.Rules" || n.StartsWith("Microsoft.Data.", StringComparison.Ordinal));
        Assert.Empty(Offenders(ReportsAssembly.GetTypes(), DataAccess));
    }

    [Fact]
    public void The_api_and_the_web_pages_never_touch_sql()
    {
        var httpTypes = ServiceAssembly.GetTypes().Where(t => HttpNamespaces.Any(n => InNamespace(t, n))).ToList();
        Assert.NotEmpty(httpTypes);
        Assert.Empty(Offenders(httpTypes, DataAccess));
    }

    [Fact]
    public void The_sql_check_finds_sql_where_there_is_some()
    {
        // The checks above could pass by seeing nothing: the stores that do run SQL must be caught by the same test.
        var stores = ServiceAssembly.GetTypes().Where(t => InNamespace(t, "Audit.Service.Records")).ToList();
        var found = Offenders(stores, DataAccess);
        Assert.Contains(found, f => f.Contains("Dapper", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("DbConnection", StringComparison.Ordinal));
    }

    [Fact]
    public void No_namespace_of_the_service_depends_back_on_one_that_depends_on_it()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        var examples = new Dictionary<(string From, string To), string>();
        foreach (var type in ServiceAssembly.GetTypes().Concat(RulesAssembly.GetTypes()).Concat(DomainAssembly.GetTypes()))
        {
            var from = TopNamespace(type);
            if (from is null)
            {
                continue;
            }

            var edges = graph.TryGetValue(from, out var e) ? e : graph[from] = [];
            foreach (var used in Dependencies.Of(type))
            {
                if (TopNamespace(used) is { } to && to != from && edges.Add(to))
                {
                    examples[(from, to)] = $"{type.FullName} uses {used.FullName}";
                }
            }
        }

        var cycles = Cycles(graph);
        // Each cycle is named with the edges inside it and one type that makes each edge: the place to cut.
        var described = cycles.Select(c => string.Join(" → ", c) + ":\n  " + string.Join("\n  ", examples.Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To)).Select(e => $"{e.Key.From} → {e.Key.To} ({e.Value})")));
        Assert.True(cycles.Count == 0, "namespace cycles: " + string.Join("\n", described));
    }

    /// <summary>Data access: Dapper, the ADO.NET providers, System.Data, and the service's SQL file set.</summary>
    private static string? DataAccess(Type used)
    {
        var assembly = used.Assembly.GetName().Name ?? string.Empty;
        if (assembly == "Dapper" || assembly.StartsWith("Microsoft.Data.", StringComparison.Ordinal))
        {
            return assembly;
        }

        if (used.Namespace is "System.Data" or "System.Data.Common")
        {
            return used.Namespace;
        }

        return used.FullName == "Audit.Service.Data.SqlFiles" ? "the SQL files" : null;
    }

    private static List<string> Offenders(IEnumerable<Type> types, Func<Type, string?> forbidden) =>
        types.SelectMany(t => Dependencies.Of(t).Select(u => (Type: t, Used: u, Why: forbidden(u))))
            .Where(x => x.Why is not null)
            .Select(x => $"{x.Type.FullName} uses {x.Used.FullName} ({x.Why})")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool InNamespace(Type type, string ns)
    {
        var actual = Dependencies.NamespaceOf(type);
        return actual == ns || actual.StartsWith(ns + ".", StringComparison.Ordinal);
    }

    /// <summary>
    /// The layer a type belongs to: the service's first-level namespace (Audit.Service.Data, .Apis …; a page's
    /// sub-folders count as Pages), or the rules and domain projects as wholes. Null for anything else.
    /// </summary>
    private static string? TopNamespace(Type type)
    {
        var ns = Dependencies.NamespaceOf(type);
        if (ns is "Audit.Domain" or "Audit.Rules")
        {
            return ns;
        }

        if (!ns.StartsWith("Audit.Service", StringComparison.Ordinal) || type.Assembly != ServiceAssembly)
        {
            return null;
        }

        var parts = ns.Split('.');
        return parts.Length >= 3 ? string.Join('.', parts.Take(3)) : ns;
    }

    private static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        // Tarjan's strongly connected components: any component of more than one namespace is a cycle.
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<List<string>>();

        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!indices.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == indices[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);

                if (component.Count > 1)
                {
                    found.Add(component.Order(StringComparer.Ordinal).ToList());
                }
            }
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!indices.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return found;
    }
}
