using System.Globalization;

namespace Confcom.Benchmarks.Soak;

/// <summary>Resident memory (VmRSS), open file descriptors and threads of one process, read from /proc.</summary>
internal readonly record struct ProcessSample(long ResidentKiB, int Descriptors, int Threads)
{
    public double ResidentMiB => ResidentKiB / 1024.0;

    public static ProcessSample Of(int pid)
    {
        long rss = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        return new ProcessSample(rss, Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length, threads);
    }
}
