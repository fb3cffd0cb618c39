using System.Globalization;

namespace Confcom.Cli.Commands.KubeletStandin;

/// <summary>One <c>--allocate RESOURCE=N</c>: N healthy devices of RESOURCE, allocated as the kubelet would for one container.</summary>
internal sealed record AllocationRequest(string Resource, int Count)
{
    public static AllocationRequest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.LastIndexOf('=');
        if (equals <= 0 || !int.TryParse(text[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new FormatException($"'{text}' is not RESOURCE=N (e.g. sgx.intel.com/enclave=1 or kubernetes.azure.com/sgx_epc_mem_in_MiB=10)");
        }
        return new AllocationRequest(text[..equals], count);
    }
}
