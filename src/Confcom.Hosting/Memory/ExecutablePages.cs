using System.Globalization;
using System.Runtime.InteropServices;

namespace Confcom.Hosting.Memory;

/// <summary>
/// The pages of the process's own executable file that are resident, and a way to hand them back to the kernel.
/// A NativeAOT daemon touches most of its executable while it starts (the kernel maps 64 KiB around every page
/// fault), but idles on a small part of it; <c>madvise(MADV_PAGEOUT)</c> drops the clean file-backed pages now,
/// and the ones still needed fault back in from the file. <c>MADV_RANDOM</c> then reads only the page a fault
/// needs instead of a readahead window around it (the mapping is code and type data, not a stream). Anonymous
/// (written) memory is left alone: without swap it could not go anywhere.
/// </summary>
internal static partial class ExecutablePages
{
    private const int MadvRandom = 1;
    private const int MadvPageout = 21; // Linux 5.4+

    /// <summary>Pages out the executable's mappings; returns how many bytes of mappings were advised, or 0.</summary>
    public static long PageOut()
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessPath is not { } executable)
        {
            return 0;
        }
        long advised = 0;
        foreach (var (start, end) in Mappings(executable))
        {
            // A kernel without MADV_PAGEOUT (EINVAL) just keeps the pages: nothing to do about it.
            if (Madvise((nint)start, (nuint)(end - start), MadvPageout) == 0)
            {
                advised += (long)(end - start);
            }
            _ = Madvise((nint)start, (nuint)(end - start), MadvRandom);
        }
        return advised;
    }

    private static List<(ulong Start, ulong End)> Mappings(string executable)
    {
        var mappings = new List<(ulong, ulong)>();
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                // "start-end perms offset dev inode path"
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 6 && string.Equals(fields[5].Trim(), executable, StringComparison.Ordinal))
                {
                    var range = fields[0].Split('-');
                    mappings.Add((ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                }
            }
        }
        catch (IOException)
        {
        }
        return mappings;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
