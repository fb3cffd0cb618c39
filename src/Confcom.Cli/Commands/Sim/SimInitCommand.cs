using System.CommandLine;
using System.Security.Cryptography;
using Confcom.Cli.Json;
using Confcom.Simulation.Quoting;

namespace Confcom.Cli.Commands.Sim;

/// <summary><c>confcom sim init</c>: create the simulated node identity, or load and print it when it exists.</summary>
internal static class SimInitCommand
{
    public static Command Create()
    {
        var stateDir = SimOptions.StateDir();
        var simRoot = SimOptions.SimRoot();
        var json = new Option<bool>("--json") { Description = "print the identity as JSON" };
        var command = new Command("init", "Create the simulated node identity (idempotent: loads and prints it when it exists).");
        command.Options.Add(stateDir);
        command.Options.Add(simRoot);
        command.Options.Add(json);
        command.SetAction(int (ParseResult r) =>
        {
            using var platform = SimOptions.OpenOrCreate(r.GetValue(stateDir)!, r.GetValue(simRoot));
            using var qe = new SimulatedQuotingEnclave(platform);
            var description = platform.Description;
            var identity = new SimNodeIdentityOutput(
                platform.WasCreated ? "created" : "loaded",
                platform.StateDirectory,
                platform.Root.Directory,
                Path.Combine(platform.Root.Directory, "root-ca.pem"),
                Convert.ToHexStringLower(SHA256.HashData(platform.Root.Root.Certificate.RawData)),
                Convert.ToHexStringLower(description.Fmspc),
                Convert.ToHexStringLower(description.PceId),
                platform.Node.Pck.Certificate.SerialNumber.ToLowerInvariant(),
                Convert.ToHexStringLower(description.TcbComponents),
                description.PceSvn,
                description.QeSvn,
                Convert.ToHexStringLower(description.QeId),
                Convert.ToHexStringLower(qe.PublicKeyId));
            if (r.GetValue(json))
            {
                CliJson.Write(r.InvocationConfiguration.Output, identity);
                return 0;
            }
            var output = r.InvocationConfiguration.Output;
            output.WriteLine($"{identity.Status} simulated SGX node in {identity.StateDirectory}");
            output.WriteLine($"  trust root:  {identity.RootCertificate} (SHA-256 {identity.RootSha256})");
            output.WriteLine($"  FMSPC:       {identity.Fmspc}  PCE-ID {identity.PceId}");
            output.WriteLine($"  PCK serial:  {identity.PckSerial}");
            output.WriteLine($"  TCB:         components {identity.TcbComponents}, PCESVN {identity.PceSvn}, QE ISVSVN {identity.QeSvn}");
            output.WriteLine($"  QE_ID:       {identity.QeId}");
            output.WriteLine($"  pub_key_id:  {identity.PublicKeyId}");
            return 0;
        });
        return command;
    }
}
