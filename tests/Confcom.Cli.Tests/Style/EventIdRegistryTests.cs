using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Tests.Style;

/// <summary>
/// The event-id registry of docs/logging.md, enforced: every <c>[LoggerMessage]</c> in the product has an id, inside
/// its project's range, and no two share one, so an id in a log line names one message.
/// </summary>
public sealed class EventIdRegistryTests
{
    /// <summary>The table in docs/logging.md.</summary>
    private static readonly Dictionary<string, (int First, int Last)> Ranges = new(StringComparer.Ordinal)
    {
        ["Confcom.DevicePlugin"] = (1000, 1999),
        ["Confcom.QuoteHelper"] = (2000, 2999),
        ["Confcom.Attestation"] = (3000, 3999),
        ["Confcom.Simulation"] = (4000, 4999),
        ["confcom"] = (5000, 5999),
        ["Confcom.Hosting"] = (6000, 6999),
        ["Confcom.Webhook"] = (7000, 7999),
        ["Confcom.Aesm"] = (8000, 8999),
        ["Confcom.Sgx"] = (9000, 9999),
    };

    [Fact]
    public void EveryLoggerMessageHasAUniqueIdInItsProjectsRange()
    {
        var seen = new Dictionary<int, string>();
        var problems = new List<string>();
        foreach (var assembly in ProductAssemblies())
        {
            var name = assembly.GetName().Name!;
            Assert.True(Ranges.TryGetValue(name, out var range), $"{name} has no event-id range in docs/logging.md");
            foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
            {
                if (method.GetCustomAttribute<LoggerMessageAttribute>() is not { } attribute)
                {
                    continue;
                }
                var where = $"{method.DeclaringType!.FullName}.{method.Name}";
                if (attribute.EventId < range.First || attribute.EventId > range.Last)
                {
                    problems.Add($"{where}: event id {attribute.EventId} is outside {name}'s range {range.First}-{range.Last}");
                }
                if (!seen.TryAdd(attribute.EventId, where))
                {
                    problems.Add($"{where}: event id {attribute.EventId} is already {seen[attribute.EventId]}'s");
                }
            }
        }
        Assert.Empty(problems);
        Assert.True(seen.Count > 50, $"only {seen.Count} log messages found: are the assemblies loaded?");
    }

    private static IEnumerable<Assembly> ProductAssemblies()
    {
        // Everything the CLI is composed of, loaded from the test output folder.
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if ((name.StartsWith("Confcom.", StringComparison.Ordinal) && !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Confcom.Testing") || name == "confcom")
            {
                yield return Assembly.Load(name);
            }
        }
    }
}
