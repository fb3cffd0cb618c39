using System.Text;

namespace Confcom.Benchmarks.Soak;

/// <summary>
/// bench/results/soak.md, one section per soak part between markers, so a part can be re-run alone and replaces only
/// its own section.
/// </summary>
internal static class SoakResults
{
    private const string Header = """
        # Soak: a hostile node, for a long time

        Bounded soaks of the hostile-node fixes (issue 8), run with `dotnet run -c Release --project bench/Confcom.Benchmarks -- soak [kubelet|aesm|webhook|all]`
        (not part of `dotnet test`). Each daemon runs as its own `confcom` process, so its memory and descriptors are its own.
        The machine is shared with other engineers building and testing (2 cores); each section gives the load average.

        """;

    public static void Write(string part, string markdown)
    {
        var file = Path.Combine(MachineDescription.ResultsDirectory(), "soak.md");
        var text = File.Exists(file) ? File.ReadAllText(file) : Header;
        var begin = $"<!-- soak:{part} -->";
        var end = $"<!-- /soak:{part} -->";
        var section = begin + "\n" + markdown.TrimEnd() + "\n" + end;
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        if (start >= 0)
        {
            var stop = text.IndexOf(end, start, StringComparison.Ordinal) + end.Length;
            text = text[..start] + section + text[stop..];
        }
        else
        {
            text = text.TrimEnd() + "\n\n" + section + "\n";
        }
        // Sections in a fixed order: kubelet, aesm, webhook.
        File.WriteAllText(file, Order(text));
        Console.WriteLine($"wrote section '{part}' of {file}");
    }

    private static string Order(string text)
    {
        var parts = new[] { "kubelet", "aesm", "webhook" };
        var sections = new List<string>();
        var rest = text;
        foreach (var part in parts)
        {
            var begin = $"<!-- soak:{part} -->";
            var end = $"<!-- /soak:{part} -->";
            var start = rest.IndexOf(begin, StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }
            var stop = rest.IndexOf(end, start, StringComparison.Ordinal) + end.Length;
            sections.Add(rest[start..stop]);
            rest = rest[..start] + rest[stop..];
        }
        var builder = new StringBuilder(rest.TrimEnd()).Append("\n\n");
        foreach (var section in sections)
        {
            builder.Append(section).Append("\n\n");
        }
        return builder.ToString().TrimEnd() + "\n";
    }
}
