namespace Confcom.Cli.Commands.KubeletStandin;

/// <summary>The plugin's answer to one Allocate, as the container runtime would apply it.</summary>
internal sealed record StandinAllocation(
    string Resource,
    IReadOnlyList<string> DeviceIds,
    IReadOnlyDictionary<string, string> Envs,
    IReadOnlyList<StandinDeviceSpec> Devices,
    IReadOnlyList<StandinMount> Mounts,
    IReadOnlyDictionary<string, string> Annotations);
