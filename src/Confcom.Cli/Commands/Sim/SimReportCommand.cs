using System.CommandLine;
using System.Security.Cryptography;
using Confcom.Cli.Files;
using Confcom.Sgx;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Quoting;

namespace Confcom.Cli.Commands.Sim;

/// <summary>
/// <c>confcom sim report</c>: write the 432-byte <c>sgx_report_t</c> a simulated enclave on this node would get from
/// EREPORT, targeted at the simulated QE unless a target info is given, for any AESM client to quote.
/// </summary>
internal static class SimReportCommand
{
    public static Command Create()
    {
        var stateDir = SimOptions.StateDir();
        var simRoot = SimOptions.SimRoot();
        var reportData = new Option<string>("--report-data") { Description = "report_data, hex, up to 64 bytes (zero-padded)", Required = true };
        var output = new Option<string>("--out") { Description = "file to write the 432-byte report to; - writes it to standard output", Required = true };
        var targetInfo = new Option<string?>("--target-info") { Description = "512-byte sgx_target_info_t file of the enclave to target (default: the simulated QE); - reads standard input" };
        var mrEnclave = new Option<string?>("--mrenclave") { Description = "MRENCLAVE of the simulated enclave, 32 bytes hex (default: SHA-256 of 'confcom simulated app enclave')" };
        var mrSigner = new Option<string?>("--mrsigner") { Description = "MRSIGNER, 32 bytes hex (default: SHA-256 of 'confcom simulated app signer')" };
        var isvProdId = new Option<ushort>("--isv-prod-id") { Description = "ISVPRODID of the enclave" };
        var isvSvn = new Option<ushort>("--isv-svn") { Description = "ISVSVN of the enclave" };
        var debug = new Option<bool>("--debug") { Description = "set the DEBUG attribute (verifiers reject debug enclaves by default)" };

        var command = new Command("report", "Write the sgx_report_t a simulated enclave on this node would make (targeted at the QE by default).");
        foreach (var option in new Option[] { stateDir, simRoot, reportData, output, targetInfo, mrEnclave, mrSigner, isvProdId, isvSvn, debug })
        {
            command.Options.Add(option);
        }
        command.SetAction(int (ParseResult r) =>
        {
            var data = SimOptions.Hex("--report-data", r.GetValue(reportData)!, 64, exact: false);
            var identity = new SimulatedEnclaveIdentity
            {
                MrEnclave = r.GetValue(mrEnclave) is { } e ? SimOptions.Hex("--mrenclave", e, 32, exact: true) : SHA256.HashData("confcom simulated app enclave"u8),
                MrSigner = r.GetValue(mrSigner) is { } s ? SimOptions.Hex("--mrsigner", s, 32, exact: true) : SHA256.HashData("confcom simulated app signer"u8),
                IsvProdId = r.GetValue(isvProdId),
                IsvSvn = r.GetValue(isvSvn),
            }.WithDebug(r.GetValue(debug));

            using var platform = SimOptions.Open(r.GetValue(stateDir)!, r.GetValue(simRoot));
            var target = r.GetValue(targetInfo) is { } path
                ? ReadTargetInfo(path)
                : SimulatedQe3.Identity(platform.Description.QeSvn).TargetInfo;
            var report = new SimulatedEnclave(platform, identity).CreateReport(target, data);
            var outPath = r.GetValue(output)!;
            OutputFile.Write("--out", outPath, report.ToArray());
            SimRootCommand.Summary(r, outPath).WriteLine($"wrote a {SgxReport.Size}-byte report of MRENCLAVE {Convert.ToHexStringLower(identity.MrEnclave)} targeted at MRENCLAVE {Convert.ToHexStringLower(target.MrEnclave)} to {OutputFile.Describe(outPath)}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Read with a cap of exactly one <c>sgx_target_info_t</c> (512 bytes), while reading: a device or a pipe reports
    /// size 0 to stat, so <c>--target-info /dev/zero</c> would otherwise grow a buffer until the process dies.
    /// </summary>
    private static SgxTargetInfo ReadTargetInfo(string path)
    {
        InputFile.Check("--target-info", path, "an sgx_target_info_t");
        try
        {
            return SgxTargetInfo.Parse(BoundedInput.ReadAllBytes(path, SgxTargetInfo.Size, "a 512-byte sgx_target_info_t"));
        }
        catch (InputTooLargeException ex)
        {
            throw new CliException($"--target-info {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw InputFile.ReadFailure("--target-info", path, ex);
        }
        catch (SgxFormatException ex)
        {
            throw new CliException($"--target-info {path}: not an sgx_target_info_t: {ex.Message}");
        }
    }
}
