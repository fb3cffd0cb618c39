using System.Globalization;

namespace Confcom.Cli.Commands.DevicePlugin;

/// <summary>
/// The default of <c>--enclave-limit</c> and <c>--provision-limit</c>, as Intel's SGX plugin computes it
/// (cmd/sgx_plugin, getDefaultPodCount): as many devices as pods can run on the node, 110 (the kubelet's default
/// max-pods), or <c>PODS_PER_CORE</c> × logical CPUs when that variable is set. Intel logs and ignores a
/// <c>PODS_PER_CORE</c> that does not parse; here it is refused, naming the variable.
/// </summary>
internal static class PodCountDefault
{
    public const string PodsPerCoreVariable = "PODS_PER_CORE";

    public const int KubeletMaxPods = 110;

    public static int Compute(string? podsPerCore, int processorCount)
    {
        if (string.IsNullOrEmpty(podsPerCore))
        {
            return KubeletMaxPods;
        }
        if (!uint.TryParse(podsPerCore, NumberStyles.None, CultureInfo.InvariantCulture, out var perCore) || perCore == 0
            || (long)perCore * processorCount > int.MaxValue)
        {
            throw new FormatException($"{PodsPerCoreVariable}={podsPerCore} is not a positive whole number of pods per core");
        }
        return (int)(perCore * processorCount);
    }

    public static int FromEnvironment() => Compute(Environment.GetEnvironmentVariable(PodsPerCoreVariable), Environment.ProcessorCount);
}
