namespace Confcom.Cli.Commands.KubeletStandin;

/// <summary>A device node handed to the container.</summary>
internal sealed record StandinDeviceSpec(string HostPath, string ContainerPath, string Permissions);
