namespace Confcom.Cli.Commands.KubeletStandin;

/// <summary>A host path mounted into the container.</summary>
internal sealed record StandinMount(string HostPath, string ContainerPath, bool ReadOnly);
