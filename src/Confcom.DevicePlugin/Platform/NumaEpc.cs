namespace Confcom.DevicePlugin.Platform;

/// <summary>EPC the kernel manages on one NUMA node (<c>/sys/devices/system/node/nodeN/x86/sgx_total_bytes</c>).</summary>
public readonly record struct NumaEpc(int Node, ulong TotalBytes);
