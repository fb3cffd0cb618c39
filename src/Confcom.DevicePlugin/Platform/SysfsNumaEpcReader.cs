using System.Globalization;

namespace Confcom.DevicePlugin.Platform;

/// <summary>
/// Reads per-NUMA-node EPC from sysfs. Present only when the kernel's SGX driver initialised, so it also tells
/// "CPUID says SGX" apart from "the kernel actually uses SGX".
/// </summary>
internal static class SysfsNumaEpcReader
{
    public static IReadOnlyList<NumaEpc> Read(string hostRoot)
    {
        var nodesDir = HostPath.Under(hostRoot, "/sys/devices/system/node");
        if (!Directory.Exists(nodesDir))
        {
            return [];
        }
        var result = new List<NumaEpc>();
        foreach (var dir in Directory.EnumerateDirectories(nodesDir, "node*"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var node))
            {
                continue;
            }
            if (TryReadBytes(Path.Combine(dir, "x86", "sgx_total_bytes")) is { } bytes)
            {
                result.Add(new NumaEpc(node, bytes));
            }
        }
        result.Sort((a, b) => a.Node.CompareTo(b.Node));
        return result;
    }

    // An unreadable or garbled file means "not known", as if the kernel had not published it.
    private static ulong? TryReadBytes(string file)
    {
        try
        {
            return File.Exists(file)
                && ulong.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                ? bytes
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
