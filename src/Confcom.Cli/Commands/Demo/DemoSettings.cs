namespace Confcom.Cli.Commands.Demo;

/// <summary>What <c>confcom demo</c> was asked for.</summary>
internal sealed record DemoSettings(ulong EpcBytes, string StateDirectory);
