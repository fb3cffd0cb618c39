using System.CommandLine;
using Confcom.Cli.Commands;

namespace Confcom.Cli;

/// <summary>The whole <c>confcom</c> command tree, built in one place so tests can walk every verb the executable has.</summary>
internal static class ConfcomCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("confcom: SGX device plugin, AESM-compatible quote helper and DCAP attestation tools for Kubernetes SGX nodes.");
        root.Subcommands.Add(DevicePluginCommand.Create());
        root.Subcommands.Add(NodeInfoCommand.Create());
        root.Subcommands.Add(QuoteHelperCommand.Create());
        root.Subcommands.Add(QuoteCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(CollateralCommand.Create());
        root.Subcommands.Add(PcsCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(WebhookCommand.Create());
        root.Subcommands.Add(KubeletStandinCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        return root;
    }
}
