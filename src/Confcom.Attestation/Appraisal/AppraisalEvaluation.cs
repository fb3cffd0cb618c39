using System.Globalization;
using System.Security.Cryptography;
using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Appraisal;

/// <summary>The checks of an <see cref="AppraisalPolicy"/> over a <see cref="QuoteVerificationResult"/>, in the order of the policy document.</summary>
internal static class AppraisalEvaluation
{
    public static AppraisalResult Evaluate(AppraisalPolicy policy, QuoteVerificationResult result)
    {
        var checks = new List<AppraisalCheck>(8);
        if (!result.IsVerified)
        {
            checks.Add(new AppraisalCheck("verification", false, "Intel's verification without a terminal error",
                $"{result.StatusName} ({result.Quote3ErrorName}) at {result.FailedCheck}"));
            return new AppraisalResult { Checks = checks };
        }

        var status = result.ConvergedTcbStatus!.Value;
        checks.Add(new AppraisalCheck("acceptedTcbStatuses", policy.AcceptedTcbStatuses.Contains(status),
            "one of " + string.Join(", ", policy.AcceptedTcbStatuses.Select(TcbStatusNames.Name)), TcbStatusNames.Name(status)));

        var advisories = result.AdvisoryIds.Concat(result.QeAdvisoryIds).Concat(result.TdxModuleAdvisoryIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (policy.RejectedAdvisoryIds.Count > 0)
        {
            var refused = advisories.Where(a => policy.RejectedAdvisoryIds.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
            checks.Add(new AppraisalCheck("rejectedAdvisoryIds", refused.Count == 0, "none of " + string.Join(", ", policy.RejectedAdvisoryIds), List(advisories)));
        }
        if (policy.AllowedAdvisoryIds is { } allowed)
        {
            var other = advisories.Where(a => !allowed.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
            checks.Add(new AppraisalCheck("allowedAdvisoryIds", other.Count == 0, "only " + List(allowed), List(advisories)));
        }
        if (policy.MinTcbEvaluationDataNumber is { } minimum)
        {
            // Intel's supplemental tcb_eval_ref_num: the lower of the two documents' numbers (qve.cpp).
            var actual = Math.Min(result.TcbEvaluationDataNumber ?? 0, result.QeTcbEvaluationDataNumber ?? 0);
            checks.Add(new AppraisalCheck("minTcbEvaluationDataNumber", actual >= minimum, $">= {minimum}", actual.ToString(CultureInfo.InvariantCulture)));
        }

        checks.Add(new AppraisalCheck("allowExpiredCollateral", policy.AllowExpiredCollateral || !result.CollateralExpired,
            policy.AllowExpiredCollateral ? "expired collateral allowed" : "no expired collateral",
            result.CollateralExpired ? "expired: " + string.Join("; ", result.ExpiredCollateral) : "none expired"));
        checks.Add(new AppraisalCheck("allowNotYetValidCollateral", policy.AllowNotYetValidCollateral || result.NotYetValidCollateral.Count == 0,
            policy.AllowNotYetValidCollateral ? "not-yet-valid collateral allowed" : "all collateral valid at the verification time",
            result.NotYetValidCollateral.Count > 0 ? "not yet valid (wrong clock or --at?): " + string.Join("; ", result.NotYetValidCollateral) : "all valid"));
        if (policy.MaxCollateralAge is { } maxAge)
        {
            var age = result.OldestCollateralIssue is { } issued ? result.VerifiedAt - issued : (TimeSpan?)null;
            checks.Add(new AppraisalCheck("maxCollateralAgeSeconds", age is { } a && a <= maxAge, $"<= {Seconds(maxAge)} s",
                age is { } value ? $"{Seconds(value)} s (oldest issued {result.OldestCollateralIssue:yyyy-MM-ddTHH:mm:ssZ})" : "unknown"));
        }

        var debug = result.Enclave?.IsDebug ?? result.Td?.IsDebug ?? false;
        checks.Add(new AppraisalCheck("allowDebug", policy.AllowDebug || !debug, policy.AllowDebug ? "debug allowed" : "not a debug enclave or TD",
            debug ? (result.Td is not null ? "debug TD (TD_ATTRIBUTES.DEBUG)" : "debug enclave (ATTRIBUTES.DEBUG)") : "not debug"));

        var reportData = result.Enclave?.ReportData ?? result.Td?.ReportData ?? "";
        if (policy.ReportData is { } exact)
        {
            checks.Add(Equal("reportData", exact, reportData));
        }
        if (policy.ReportDataSha256Of is { } preimage)
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(preimage)));
            checks.Add(new AppraisalCheck("reportDataSha256Of", reportData.StartsWith(expected, StringComparison.Ordinal),
                $"report_data[0:32] = SHA-256 of the given bytes = {expected}", reportData.Length >= 64 ? reportData[..64] : reportData));
        }

        if ((policy.Sgx is null) != (policy.Tdx is null))
        {
            var wanted = policy.Sgx is not null ? "SGX" : "TDX";
            var actual = result.Td is not null ? "TDX" : "SGX";
            checks.Add(new AppraisalCheck("teeType", wanted == actual, $"{wanted} (the policy has only an \"{wanted.ToLowerInvariant()}\" section)", actual));
        }
        if (policy.Sgx is { } sgx && result.Enclave is { } enclave)
        {
            SgxChecks(sgx, enclave, checks);
        }
        if (policy.Tdx is { } tdx && result.Td is { } td)
        {
            TdxChecks(tdx, td, checks);
        }
        return new AppraisalResult { Checks = checks };
    }

    private static void SgxChecks(SgxEnclavePolicy sgx, VerifiedEnclave enclave, List<AppraisalCheck> checks)
    {
        if (sgx.MrEnclave is { } mrEnclave)
        {
            checks.Add(OneOf("sgx.mrEnclave", mrEnclave, enclave.MrEnclave));
        }
        if (sgx.MrSigner is { } mrSigner)
        {
            checks.Add(OneOf("sgx.mrSigner", mrSigner, enclave.MrSigner));
        }
        if (sgx.IsvProdId is { } prodId)
        {
            checks.Add(new AppraisalCheck("sgx.isvProdId", enclave.IsvProdId == prodId, Number(prodId), Number(enclave.IsvProdId)));
        }
        if (sgx.MinIsvSvn is { } minSvn)
        {
            checks.Add(new AppraisalCheck("sgx.minIsvSvn", enclave.IsvSvn >= minSvn, $">= {Number(minSvn)}", Number(enclave.IsvSvn)));
        }
        if (sgx.IsvExtProdId is { } extProdId)
        {
            checks.Add(Equal("sgx.isvExtProdId", extProdId, enclave.IsvExtProdId));
        }
        if (sgx.IsvFamilyId is { } familyId)
        {
            checks.Add(Equal("sgx.isvFamilyId", familyId, enclave.IsvFamilyId));
        }
        if (sgx.ConfigId is { } configId)
        {
            checks.Add(Equal("sgx.configId", configId, enclave.ConfigId));
        }
        if (sgx.MinConfigSvn is { } minConfigSvn)
        {
            checks.Add(new AppraisalCheck("sgx.minConfigSvn", enclave.ConfigSvn >= minConfigSvn, $">= {Number(minConfigSvn)}", Number(enclave.ConfigSvn)));
        }
    }

    private static void TdxChecks(TdxTdPolicy tdx, VerifiedTd td, List<AppraisalCheck> checks)
    {
        if (tdx.MrTd is { } mrTd)
        {
            checks.Add(OneOf("tdx.mrTd", mrTd, td.MrTd));
        }
        string?[] rtmrs = [tdx.Rtmr0, tdx.Rtmr1, tdx.Rtmr2, tdx.Rtmr3];
        for (var i = 0; i < rtmrs.Length; i++)
        {
            if (rtmrs[i] is { } rtmr)
            {
                checks.Add(Equal($"tdx.rtmr{i}", rtmr, td.Rtmrs[i]));
            }
        }
        if (tdx.MrConfigId is { } configId)
        {
            checks.Add(Equal("tdx.mrConfigId", configId, td.MrConfigId));
        }
        if (tdx.MrOwner is { } owner)
        {
            checks.Add(Equal("tdx.mrOwner", owner, td.MrOwner));
        }
        if (tdx.MrOwnerConfig is { } ownerConfig)
        {
            checks.Add(Equal("tdx.mrOwnerConfig", ownerConfig, td.MrOwnerConfig));
        }
        if (tdx.MinTeeTcbSvn is { } minTeeTcbSvn)
        {
            var minimum = Convert.FromHexString(minTeeTcbSvn);
            var actual = Convert.FromHexString(td.TeeTcbSvn);
            var reached = true;
            for (var i = 0; i < minimum.Length; i++)
            {
                reached &= actual[i] >= minimum[i];
            }
            checks.Add(new AppraisalCheck("tdx.minTeeTcbSvn", reached, $">= {minTeeTcbSvn.ToLowerInvariant()} in every component", td.TeeTcbSvn));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first member that cannot be evaluated.</summary>
    public static void Validate(AppraisalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.AcceptedTcbStatuses is null || policy.AcceptedTcbStatuses.Contains(TcbStatus.Revoked))
        {
            throw new ArgumentException("acceptedTcbStatuses: Revoked cannot be accepted (Intel's verification fails with SGX_QL_TCB_REVOKED)", nameof(policy));
        }
        if (policy.MaxCollateralAge is { } age && age < TimeSpan.Zero)
        {
            throw new ArgumentException("maxCollateralAgeSeconds must not be negative", nameof(policy));
        }
        Hex("reportData", policy.ReportData, 64);
        Hex("reportDataSha256Of", policy.ReportDataSha256Of, null);
        if (policy.Sgx is { } sgx)
        {
            HexList("sgx.mrEnclave", sgx.MrEnclave, 32);
            HexList("sgx.mrSigner", sgx.MrSigner, 32);
            Hex("sgx.isvExtProdId", sgx.IsvExtProdId, 16);
            Hex("sgx.isvFamilyId", sgx.IsvFamilyId, 16);
            Hex("sgx.configId", sgx.ConfigId, 64);
        }
        if (policy.Tdx is { } tdx)
        {
            HexList("tdx.mrTd", tdx.MrTd, 48);
            Hex("tdx.rtmr0", tdx.Rtmr0, 48);
            Hex("tdx.rtmr1", tdx.Rtmr1, 48);
            Hex("tdx.rtmr2", tdx.Rtmr2, 48);
            Hex("tdx.rtmr3", tdx.Rtmr3, 48);
            Hex("tdx.mrConfigId", tdx.MrConfigId, 48);
            Hex("tdx.mrOwner", tdx.MrOwner, 48);
            Hex("tdx.mrOwnerConfig", tdx.MrOwnerConfig, 48);
            Hex("tdx.minTeeTcbSvn", tdx.MinTeeTcbSvn, 16);
        }
    }

    private static void HexList(string name, IReadOnlyList<string>? values, int length)
    {
        if (values is null)
        {
            return;
        }
        if (values.Count == 0)
        {
            throw new ArgumentException($"{name}: an empty allow-list would refuse every quote; leave the member out to not check it", nameof(values));
        }
        for (var i = 0; i < values.Count; i++)
        {
            Hex($"{name}[{i}]", values[i], length);
        }
    }

    private static void Hex(string name, string? value, int? length)
    {
        if (value is null)
        {
            return;
        }
        if ((length is { } bytes && value.Length != bytes * 2) || value.Length % 2 != 0 || !value.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException(length is { } n
                ? $"{name}: expected {n} bytes as {n * 2} hex digits, found '{Cut(value)}' ({value.Length} characters)"
                : $"{name}: expected hex bytes, found '{Cut(value)}'", nameof(value));
        }
    }

    private static AppraisalCheck Equal(string name, string expected, string actual) =>
        new(name, string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase), expected.ToLowerInvariant(), actual);

    private static AppraisalCheck OneOf(string name, IReadOnlyList<string> allowed, string actual) =>
        new(name, allowed.Contains(actual, StringComparer.OrdinalIgnoreCase), "one of " + List(allowed.Select(v => v.ToLowerInvariant())), actual);

    private static string List(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "(none)" : text;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Cut(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
