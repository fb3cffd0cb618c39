using System.Globalization;

namespace Confcom.Benchmarks.Footprint;

/// <summary>
/// A process's memory as the kernel accounts it: resident set split into anonymous and file-backed pages
/// (<c>/proc/PID/status</c>), thread count, and the largest resident mappings (<c>/proc/PID/smaps</c>) for the
/// breakdown.
/// </summary>
internal sealed record ProcessMemory(long RssKib, long AnonKib, long FileKib, int Threads, IReadOnlyList<MappingRss> Mappings)
{
    public static ProcessMemory Read(int pid)
    {
        long rss = 0, anon = 0, file = 0, shmem = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            var value = line.Split(':', 2);
            if (value.Length != 2)
            {
                continue;
            }
            var field = value[1].Trim();
            switch (value[0])
            {
                case "VmRSS": rss = Kib(field); break;
                case "RssAnon": anon = Kib(field); break;
                case "RssFile": file = Kib(field); break;
                case "RssShmem": shmem = Kib(field); break;
                case "Threads": threads = int.Parse(field, CultureInfo.InvariantCulture); break;
            }
        }
        return new ProcessMemory(rss, anon, file + shmem, threads, ReadMappings(pid));
    }

    /// <summary>Resident KiB per mapped file (anonymous mappings grouped as "[anon]", stacks and heap by name).</summary>
    private static List<MappingRss> ReadMappings(int pid)
    {
        var totals = new Dictionary<string, (long Rss, long Anon)>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var first = line.IndexOf(' ', StringComparison.Ordinal);
            if (first > 0 && line.AsSpan(0, first).Contains('-'))
            {
                // "start-end perms offset dev inode [path]"
                var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                current = parts.Length >= 6 ? parts[5].Trim() : "[anon]";
                continue;
            }
            if (current is null)
            {
                continue;
            }
            if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var t = totals.GetValueOrDefault(current);
                totals[current] = (t.Rss + Kib(line[4..].Trim()), t.Anon);
            }
            else if (line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                var t = totals.GetValueOrDefault(current);
                totals[current] = (t.Rss, t.Anon + Kib(line[10..].Trim()));
            }
        }
        return [.. totals.Select(t => new MappingRss(t.Key, t.Value.Rss, t.Value.Anon)).OrderByDescending(m => m.RssKib)];
    }

    private static long Kib(string field) => long.Parse(field.Split(' ')[0], CultureInfo.InvariantCulture);
}

/// <summary>Resident KiB of one mapped file (or anonymous region kind), and how much of it is anonymous (written-to private pages).</summary>
internal sealed record MappingRss(string Name, long RssKib, long AnonKib);
