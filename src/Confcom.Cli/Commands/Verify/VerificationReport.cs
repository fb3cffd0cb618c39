using System.Globalization;
using System.Text.Json.Nodes;
using Confcom.Attestation.Appraisal;
using Confcom.Attestation.Verification;
using Confcom.Cli.Json;

namespace Confcom.Cli.Commands.Verify;

/// <summary>
/// How <c>confcom verify</c> shows a result: JSON with every field and every policy check (built as a
/// <see cref="JsonObject"/>, no reflection, so it stays trim/AOT-safe; written in the CLI's JSON style by
/// <see cref="CliJson"/>), or a text summary for an operator.
/// </summary>
internal static class VerificationReport
{
    public static string ToJson(QuoteVerificationResult result)
    {
        var json = new JsonObject
        {
            ["status"] = result.Status.ToString(),
            ["statusName"] = result.StatusName,
            ["statusCode"] = Hex((uint)result.Status),
            ["quote3Error"] = result.Quote3ErrorName,
            ["quote3ErrorCode"] = Hex((uint)result.Quote3Error),
            ["isVerified"] = result.IsVerified,
            ["isAccepted"] = result.IsAccepted,
            ["failedCheck"] = result.FailedCheck?.ToString(),
            ["failureMessage"] = result.FailureMessage,
            ["verifiedAt"] = result.VerifiedAt.ToString("O", CultureInfo.InvariantCulture),
            ["quoteVersion"] = result.QuoteVersion,
            ["teeType"] = result.TeeType,
            // The verifier keeps Intel's upper case (PCS URLs, TCB Info); JSON hex is lower case.
            ["fmspc"] = result.Fmspc?.ToLowerInvariant(),
            ["platformTcbStatus"] = result.PlatformTcbStatus?.ToString(),
            ["qeTcbStatus"] = result.QeTcbStatus?.ToString(),
            ["tdxModuleTcbStatus"] = result.TdxModuleTcbStatus?.ToString(),
            ["advisoryIds"] = Strings(result.AdvisoryIds),
            ["qeAdvisoryIds"] = Strings(result.QeAdvisoryIds),
            ["tdxModuleAdvisoryIds"] = Strings(result.TdxModuleAdvisoryIds),
            ["tcbDate"] = result.TcbDate?.ToString("O", CultureInfo.InvariantCulture),
            ["tcbEvaluationDataNumber"] = result.TcbEvaluationDataNumber,
            ["qeTcbEvaluationDataNumber"] = result.QeTcbEvaluationDataNumber,
            ["collateralExpired"] = result.CollateralExpired,
            ["expiredCollateral"] = Items(result.ExpiredCollateral),
            ["notYetValidCollateral"] = Items(result.NotYetValidCollateral),
            ["earliestCollateralExpiry"] = result.EarliestCollateralExpiry?.ToString("O", CultureInfo.InvariantCulture),
            ["oldestCollateralIssue"] = result.OldestCollateralIssue?.ToString("O", CultureInfo.InvariantCulture),
            ["warnings"] = Strings(result.Warnings),
            ["appraisal"] = new JsonObject
            {
                ["accepted"] = result.Appraisal.IsAccepted,
                ["checks"] = new JsonArray([.. result.Appraisal.Checks.Select(Check)]),
            },
            ["enclave"] = result.Enclave is { } e ? new JsonObject
            {
                ["mrEnclave"] = e.MrEnclave,
                ["mrSigner"] = e.MrSigner,
                ["isvProdId"] = e.IsvProdId,
                ["isvSvn"] = e.IsvSvn,
                ["cpuSvn"] = e.CpuSvn,
                ["miscSelect"] = e.MiscSelect,
                ["attributesFlags"] = e.AttributesFlags,
                ["attributesXfrm"] = e.AttributesXfrm,
                ["isDebug"] = e.IsDebug,
                ["isvExtProdId"] = e.IsvExtProdId,
                ["isvFamilyId"] = e.IsvFamilyId,
                ["configId"] = e.ConfigId,
                ["configSvn"] = e.ConfigSvn,
                ["reportData"] = e.ReportData,
            } : null,
            ["td"] = result.Td is { } t ? new JsonObject
            {
                ["teeTcbSvn"] = t.TeeTcbSvn,
                ["mrSeam"] = t.MrSeam,
                ["mrSignerSeam"] = t.MrSignerSeam,
                ["seamAttributes"] = t.SeamAttributes,
                ["tdAttributes"] = t.TdAttributes,
                ["xfam"] = t.Xfam,
                ["mrTd"] = t.MrTd,
                ["mrConfigId"] = t.MrConfigId,
                ["mrOwner"] = t.MrOwner,
                ["mrOwnerConfig"] = t.MrOwnerConfig,
                ["rtmrs"] = Strings(t.Rtmrs),
                ["reportData"] = t.ReportData,
                ["isDebug"] = t.IsDebug,
            } : null,
        };
        return CliJson.Serialize(json);
    }

    public static void WriteText(TextWriter output, QuoteVerificationResult result)
    {
        var verdict = !result.IsVerified ? "REJECTED"
            : !result.Appraisal.IsAccepted ? "REFUSED BY POLICY"
            : result.Status == QuoteVerificationStatus.Ok ? "OK" : "ACCEPTED WITH WARNINGS";
        output.WriteLine($"{verdict}: {result.StatusName} (0x{(int)result.Status:X4})");
        if (result.IsVerified)
        {
            output.WriteLine($"  {result.Status.OperatorAdvice()}");
        }
        if (result.FailedCheck is { } check)
        {
            output.WriteLine($"  Intel error: {result.Quote3ErrorName} (0x{(uint)result.Quote3Error:X4})");
            output.WriteLine($"  failed check: {check}: {result.FailureMessage}");
        }
        foreach (var failed in result.Appraisal.FailedChecks)
        {
            output.WriteLine($"  policy check {failed.Name} failed: expected {failed.Expected}, found {failed.Actual}");
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
        foreach (var advisory in result.QeAdvisoryIds.Concat(result.TdxModuleAdvisoryIds))
        {
            output.WriteLine($"  advisory {advisory} (QE / TDX module level, not in Intel's list)");
        }
        if (result.CollateralExpired)
        {
            output.WriteLine("  WARNING: collateral expired (fetch fresh collateral: confcom collateral fetch):");
            foreach (var item in result.ExpiredCollateral)
            {
                output.WriteLine($"    {item}");
            }
        }
        foreach (var warning in result.Warnings)
        {
            output.WriteLine($"  WARNING: {warning}");
        }
        if (result.Enclave is { } enclave)
        {
            output.WriteLine($"  enclave: mrenclave {enclave.MrEnclave}");
            output.WriteLine($"           mrsigner {enclave.MrSigner}");
            output.WriteLine($"           isvprodid {enclave.IsvProdId} isvsvn {enclave.IsvSvn} debug {Bool(enclave.IsDebug)}");
            output.WriteLine($"           report_data {enclave.ReportData}");
        }
        if (result.Td is { } td)
        {
            output.WriteLine($"  td: mrtd {td.MrTd}");
            for (var i = 0; i < td.Rtmrs.Count; i++)
            {
                output.WriteLine($"      rtmr{i} {td.Rtmrs[i]}");
            }
            output.WriteLine($"      mrseam {td.MrSeam} debug {Bool(td.IsDebug)}");
            output.WriteLine($"      report_data {td.ReportData}");
        }
    }

    private static JsonObject Check(AppraisalCheck check) => new()
    {
        ["name"] = check.Name,
        ["passed"] = check.Passed,
        ["expected"] = check.Expected,
        ["actual"] = check.Actual,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static JsonArray Items(IEnumerable<CollateralExpiry> items) => new([.. items.Select(i => (JsonNode?)new JsonObject
    {
        ["item"] = i.Item,
        ["notBefore"] = i.NotBefore.ToString("O", CultureInfo.InvariantCulture),
        ["notAfter"] = i.NotAfter.ToString("O", CultureInfo.InvariantCulture),
    })]);

    private static string Hex(uint value) => $"0x{value:x4}";

    /// <summary>"true"/"false" as in the JSON, not .NET's "True"/"False".</summary>
    private static string Bool(bool value) => value ? "true" : "false";
}
