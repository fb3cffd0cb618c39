namespace Confcom.Cli.Commands.KubeletStandin;

/// <summary>A registered plugin as the stand-in sees it: its options and its latest ListAndWatch list.</summary>
internal sealed record StandinPlugin(string Resource, string Socket, int Devices, int Healthy, bool PreStartRequired, bool GetPreferredAllocationAvailable);
