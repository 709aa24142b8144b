using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

public sealed class ScenarioDocsTests
{
    [Fact]
    public void EveryTestNamedInScenariosMdExists()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "kernels-docs", "scenarios.md"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("kernels-docs/scenarios.md not found above the test directory");
        string md = File.ReadAllText(Path.Combine(dir, "kernels-docs", "scenarios.md"));
        string tests = md[md.IndexOf("## Tests", StringComparison.Ordinal)..];
        var named = tests.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('|')[1])
            .SelectMany(cell => Regex.Matches(cell, @"`(?:\w+Tests\.)?(\w+)`").Select(m => m.Groups[1].Value)).Distinct().ToList();
        var methods = typeof(ScenarioDocsTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ScenarioDocsTests).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
            .Select(m => m.Name).ToHashSet();
        Assert.True(named.Count >= 10, $"only {named.Count} test names found");
        var missing = named.Where(n => !methods.Contains(n)).ToList();
        Assert.Empty(missing);
    }
}
