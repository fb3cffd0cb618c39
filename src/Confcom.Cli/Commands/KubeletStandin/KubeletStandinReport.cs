namespace Confcom.Cli.Commands.KubeletStandin;

/// <summary>What <c>confcom kubelet-standin --allocate … --json</c> prints once every allocation is done.</summary>
internal sealed record KubeletStandinReport(string KubeletDirectory, IReadOnlyList<StandinPlugin> Plugins, IReadOnlyList<StandinAllocation> Allocations);
