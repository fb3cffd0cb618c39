using System.CommandLine;
using Confcom.Attestation.Verification;
using Confcom.Cli.Commands.Verify;
using Confcom.Cli.Files;
using Confcom.Cli.Options;
using Confcom.Sgx.Collateral;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom verify QUOTE (--collateral FILE | --pcs URL) [--trusted-root PEM|DER] [--at TIME] [--json]
/// [--policy FILE] [policy flags]</c>. Intel's verdict is reported as QvE gives it; the appraisal policy decides.
/// Exit 0 when verified and accepted by the policy, 2 when rejected (by Intel's checks or the policy), 1 for
/// unusable input. QUOTE, --collateral, --trusted-root, --policy and --report-data-sha256-of may be - (standard
/// input), one of them at a time.
/// </summary>
internal static class VerifyCommand
{
    public const int RejectedExitCode = 2;

    public static Command Create()
    {
        var quote = QuoteArgument.Create();
        var collateralOption = new Option<string?>("--collateral") { Description = "Collateral bundle (dcap-qvl QuoteCollateralV3 JSON); - reads standard input." };
        var pcs = PcsOptions.Create(pcsRequired: false);
        var rootOption = new Option<string?>("--trusted-root") { Description = "Root certificate (PEM or DER) to trust instead of the Intel SGX Root CA (simulated or test roots); - reads standard input." };
        var atOption = new Option<string>("--at") { Description = "Verification time: ISO-8601 or UNIX seconds (default: now)." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the whole result as JSON, with every policy check." };
        var policy = new PolicyOptions();

        var command = new Command("verify", "Verify a DCAP quote against collateral (Intel QvE/QVL checks and statuses), then appraise it with a policy.");
        quote.AddTo(command);
        command.Options.Add(collateralOption);
        pcs.AddTo(command);
        foreach (var option in new Option[] { rootOption, atOption, jsonOption }.Concat(policy.All))
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result =>
        {
            // Standard input can be read once.
            var stdin = new[]
                {
                    result.GetValue(quote.Argument), result.GetValue(collateralOption), result.GetValue(rootOption),
                    result.GetValue(policy.Policy), result.GetValue(policy.ReportDataSha256Of),
                }
                .Count(path => path is not null && InputFile.IsStandardStream(path)); // text values: nothing to convert
            if (stdin > 1)
            {
                result.AddError("only one of QUOTE, --collateral, --trusted-root, --policy and --report-data-sha256-of can be - (standard input)");
            }
        });
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var collateralFile = r.GetValue(collateralOption);
            var pcsSettings = pcs.Read(r);
            if ((collateralFile is null) == (pcsSettings is null))
            {
                throw new CliException("give exactly one of --collateral FILE or --pcs URL", 1);
            }
            var at = VerificationTime.Parse(r.GetValue(atOption));
            var (parsed, bytes) = QuoteFile.ReadLeading(quote.GetPath(r));
            var options = new QuoteVerifierOptions
            {
                TrustAnchor = r.GetValue(rootOption) is { } root ? LoadRoot(root) : TrustAnchor.IntelSgxRootCa,
                Policy = policy.Build(r),
            };

            var collateral = collateralFile is not null
                ? LoadCollateral(collateralFile)
                : (await PcsCollateralFetch.FetchAsync(PcsCollateralFetch.RequestFor(parsed), pcsSettings!, ct).ConfigureAwait(false)).Collateral;

            var result = new QuoteVerifier(options).Verify(bytes, collateral, at ?? DateTimeOffset.UtcNow);
            var output = r.InvocationConfiguration.Output;
            if (r.GetValue(jsonOption))
            {
                output.WriteLine(VerificationReport.ToJson(result));
            }
            else
            {
                VerificationReport.WriteText(output, result);
            }
            if (!result.IsVerified)
            {
                throw new CliException($"quote rejected: {result.StatusName} ({result.Quote3ErrorName}) at check {result.FailedCheck}: {result.FailureMessage?.ReplaceLineEndings(" ")}", RejectedExitCode);
            }
            if (!result.Appraisal.IsAccepted)
            {
                throw new CliException($"quote verified ({result.StatusName}) but {result.Appraisal.Summary.ReplaceLineEndings(" ")}", RejectedExitCode);
            }
            return 0;
        });
        return command;
    }

    private static QuoteCollateral LoadCollateral(string path)
    {
        InputFile.Check("--collateral", path, "a collateral bundle");
        try
        {
            return QuoteCollateral.Load(path);
        }
        catch (FormatException ex)
        {
            throw new CliException($"--collateral {path}: not a usable collateral bundle: {ex.Message}", 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw InputFile.ReadFailure("--collateral", path, ex);
        }
    }

    private static TrustAnchor LoadRoot(string path)
    {
        InputFile.Check("--trusted-root", path, "a root certificate");
        try
        {
            return TrustAnchor.FromFile(path);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message.Split(" (Parameter", 2)[0], 1);
        }
    }
}
