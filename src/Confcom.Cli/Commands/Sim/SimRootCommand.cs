using System.CommandLine;
using Confcom.Cli.Files;

namespace Confcom.Cli.Commands.Sim;

/// <summary><c>confcom sim root</c>: write the simulated root certificate that verifiers must trust.</summary>
internal static class SimRootCommand
{
    public static Command Create()
    {
        var stateDir = SimOptions.StateDir();
        var simRoot = SimOptions.SimRoot();
        var output = new Option<string>("--out") { Description = "file to write the root certificate (PEM) to; - writes it to standard output", Required = true };
        var command = new Command("root", "Write the simulated Intel SGX root certificate (PEM) that verifiers must trust.");
        command.Options.Add(stateDir);
        command.Options.Add(simRoot);
        command.Options.Add(output);
        command.SetAction(int (ParseResult r) =>
        {
            using var platform = SimOptions.Open(r.GetValue(stateDir)!, r.GetValue(simRoot));
            var outPath = r.GetValue(output)!;
            OutputFile.WriteText("--out", outPath, platform.Root.RootCertificatePem);
            Summary(r, outPath).WriteLine($"wrote the simulated root certificate ({platform.Root.Root.Certificate.Subject}) to {OutputFile.Describe(outPath)}");
            return 0;
        });
        return command;
    }

    /// <summary>With <c>--out -</c> the result is on standard output; the summary goes to standard error.</summary>
    internal static TextWriter Summary(ParseResult result, string outPath) =>
        OutputFile.IsStandardStream(outPath) ? result.InvocationConfiguration.Error : result.InvocationConfiguration.Output;
}
