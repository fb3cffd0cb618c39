using System.CommandLine;
using Confcom.Attestation.Verification;
using Confcom.Cli.Commands.Verify;
using Confcom.Sgx.Collateral;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom verify QUOTE (--collateral FILE | --pcs URL) [--trusted-root PEM|DER] [--at TIME] [--json]
/// [--policy FILE] [policy flags]</c>. Intel's verdict is reported as QvE gives it; the appraisal policy decides.
/// Exit 0 when verified and accepted by the policy, 2 when rejected (by Intel's checks or the policy), 1 for
/// unusable input.
/// </summary>
internal static class VerifyCommand
{
    public const int RejectedExitCode = 2;

    public static Command Create()
    {
        var quoteArgument = new Argument<FileInfo>("QUOTE") { Description = "Quote file: binary, hex text or base64 (bytes after the quote are reported, not verified)." };
        var collateralOption = new Option<FileInfo>("--collateral") { Description = "Collateral bundle (dcap-qvl QuoteCollateralV3 JSON)." };
        var pcsOption = new Option<string>("--pcs") { Description = "Fetch collateral from Intel PCS v4 or a PCCS at this base URL." };
        var rootOption = new Option<FileInfo>("--trusted-root") { Description = "Root certificate (PEM or DER) to trust instead of the Intel SGX Root CA (simulated or test roots)." };
        var atOption = new Option<string>("--at") { Description = "Verification time: ISO-8601 or UNIX seconds (default: now)." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the whole result as JSON, with every policy check." };
        var policy = new PolicyOptions();

        var command = new Command("verify", "Verify a DCAP quote against collateral (Intel QvE/QVL checks and statuses), then appraise it with a policy.");
        command.Arguments.Add(quoteArgument);
        foreach (var option in new Option[] { collateralOption, pcsOption, rootOption, atOption, jsonOption }.Concat(policy.All))
        {
            command.Options.Add(option);
        }
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var collateralFile = r.GetValue(collateralOption);
            var pcs = r.GetValue(pcsOption);
            if ((collateralFile is null) == (pcs is null))
            {
                throw new CliException("give exactly one of --collateral FILE or --pcs URL", 1);
            }
            var at = VerificationTime.Parse(r.GetValue(atOption));
            var (quote, bytes) = QuoteFile.ReadLeading(r.GetValue(quoteArgument)!.FullName);
            var options = new QuoteVerifierOptions
            {
                TrustAnchor = r.GetValue(rootOption) is { } root ? LoadRoot(root.FullName) : TrustAnchor.IntelSgxRootCa,
                Policy = policy.Build(r),
            };

            var collateral = collateralFile is not null
                ? LoadCollateral(collateralFile.FullName)
                : (await PcsCollateralFetch.FetchAsync(PcsCollateralFetch.RequestFor(quote), pcs!, apiKey: null, ct).ConfigureAwait(false)).Collateral;

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
        try
        {
            return QuoteCollateral.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new CliException($"cannot use collateral file {path}: {ex.Message}", 1);
        }
    }

    private static TrustAnchor LoadRoot(string path)
    {
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
