namespace Confcom.DevicePlugin.Platform;

/// <summary>One Enclave Page Cache section: its physical base address and size in bytes.</summary>
public readonly record struct EpcSection(ulong BaseAddress, ulong SizeBytes);
