namespace Confcom.DevicePlugin.Platform;

/// <summary>The four registers one CPUID leaf/sub-leaf returns.</summary>
public readonly record struct CpuidRegisters(uint Eax, uint Ebx, uint Ecx, uint Edx);
