using System.Text.Json;
using System.Text.Json.Serialization;
using Confcom.Attestation.Verification;

namespace Confcom.Cli.Commands.Verify;

/// <summary>How <c>confcom verify</c> shows a result: JSON with every field, or a text summary for an operator.</summary>
internal static class VerificationReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ToJson(QuoteVerificationResult result) => JsonSerializer.Serialize(result, JsonOptions);

    public static void WriteText(TextWriter output, QuoteVerificationResult result)
    {
        var verdict = result.IsAccepted ? (result.Status == QuoteVerificationStatus.Ok ? "OK" : "ACCEPTED WITH WARNINGS") : "REJECTED";
        output.WriteLine($"{verdict}: {result.StatusName} (0x{(int)result.Status:X4})");
        output.WriteLine($"  {result.Status.OperatorAdvice()}");
        if (result.FailedCheck is { } check)
        {
            output.WriteLine($"  failed check: {check}: {result.FailureMessage}");
        }
        output.WriteLine($"  verified at: {result.VerifiedAt:yyyy-MM-ddTHH:mm:ssZ}");
        if (result.Fmspc is not null)
        {
            output.WriteLine($"  fmspc: {result.Fmspc}");
        }
        if (result.PlatformTcbStatus is { } platform)
        {
            output.WriteLine($"  platform TCB: {platform} (tcbDate {result.TcbDate:yyyy-MM-dd}, TCB evaluation data number {result.TcbEvaluationDataNumber})");
        }
        if (result.QeTcbStatus is { } qe)
        {
            output.WriteLine($"  quoting enclave TCB: {qe}");
        }
        if (result.TdxModuleTcbStatus is { } module)
        {
            output.WriteLine($"  TDX module TCB: {module}");
        }
        foreach (var advisory in result.AdvisoryIds)
        {
            output.WriteLine($"  advisory {advisory}: https://www.intel.com/content/www/us/en/security-center/advisory/{advisory.ToLowerInvariant()}.html");
        }
        if (result.CollateralExpired)
        {
            output.WriteLine("  WARNING: collateral expired (fetch fresh collateral: confcom collateral fetch):");
            foreach (var item in result.ExpiredCollateral)
            {
                output.WriteLine($"    {item}");
            }
        }
        if (result.Enclave is { } enclave)
        {
            output.WriteLine($"  enclave: mrenclave {enclave.MrEnclave}");
            output.WriteLine($"           mrsigner {enclave.MrSigner}");
            output.WriteLine($"           isvprodid {enclave.IsvProdId} isvsvn {enclave.IsvSvn} debug {enclave.IsDebug}");
            output.WriteLine($"           report_data {enclave.ReportData}");
        }
        if (result.Td is { } td)
        {
            output.WriteLine($"  td: mrtd {td.MrTd}");
            for (var i = 0; i < td.Rtmrs.Count; i++)
            {
                output.WriteLine($"      rtmr{i} {td.Rtmrs[i]}");
            }
            output.WriteLine($"      mrseam {td.MrSeam} debug {td.IsDebug}");
            output.WriteLine($"      report_data {td.ReportData}");
        }
    }
}
