using System.CommandLine;
using System.Globalization;
using Confcom.Attestation.Appraisal;
using Confcom.Sgx.Collateral;

namespace Confcom.Cli.Commands.Verify;

/// <summary>
/// The appraisal policy of <c>confcom verify</c>: <c>--policy FILE</c> (docs/verifier.md), then the flags for the
/// common cases on top of it (a flag given wins over the file's value; list flags replace the file's list).
/// </summary>
internal sealed class PolicyOptions
{
    public Option<string?> Policy { get; } = new("--policy") { Description = "Appraisal policy JSON (TCB statuses, advisories, collateral age, MRENCLAVE/MRSIGNER, TD measurements); see docs/verifier.md; - reads standard input." };

    public Option<bool> Strict { get; } = new("--strict") { Description = "Accept only an up-to-date TCB (SGX_QL_QV_RESULT_OK); expired collateral is refused as by default." };

    public Option<bool> AllowDebug { get; } = new("--allow-debug") { Description = "Accept debug enclaves/TDs (never in production)." };

    public Option<bool> AllowExpiredCollateral { get; } = new("--allow-expired-collateral") { Description = "Accept collateral past its nextUpdate/notAfter (reported either way)." };

    public Option<string[]> AcceptTcbStatus { get; } = new("--accept-tcb-status") { Description = "TCB statuses to accept, e.g. UpToDate,SWHardeningNeeded (repeatable; replaces the default list).", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> RejectAdvisory { get; } = new("--reject-advisory") { Description = "Refuse quotes whose TCB levels carry this advisory ID (repeatable).", AllowMultipleArgumentsPerToken = true };

    public Option<int?> MinTcbEvaluationDataNumber { get; } = new("--min-tcb-evaluation-data-number") { Description = "Lowest TCB evaluation data number accepted." };

    public Option<string> MaxCollateralAge { get; } = new("--max-collateral-age") { Description = "Refuse collateral issued longer ago than this: seconds, or with a suffix s/m/h/d (e.g. 30d)." };

    public Option<string[]> MrEnclave { get; } = new("--mrenclave") { Description = "Allowed MRENCLAVE (hex, repeatable).", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> MrSigner { get; } = new("--mrsigner") { Description = "Allowed MRSIGNER (hex, repeatable).", AllowMultipleArgumentsPerToken = true };

    public Option<int?> IsvProdId { get; } = new("--isv-prod-id") { Description = "Required ISVPRODID." };

    public Option<int?> MinIsvSvn { get; } = new("--min-isv-svn") { Description = "Lowest ISVSVN accepted." };

    public Option<string> ReportData { get; } = new("--report-data") { Description = "Required report data: 64 bytes as 128 hex digits." };

    public Option<string?> ReportDataSha256Of { get; } = new("--report-data-sha256-of") { Description = "File whose SHA-256 must be the first 32 bytes of the report data (e.g. the enclave's public key); - reads standard input." };

    public Option<string[]> MrTd { get; } = new("--mrtd") { Description = "Allowed TDX MRTD (hex, repeatable).", AllowMultipleArgumentsPerToken = true };

    public IEnumerable<Option> All =>
    [
        Policy, Strict, AllowDebug, AllowExpiredCollateral, AcceptTcbStatus, RejectAdvisory, MinTcbEvaluationDataNumber,
        MaxCollateralAge, MrEnclave, MrSigner, IsvProdId, MinIsvSvn, ReportData, ReportDataSha256Of, MrTd,
    ];

    public AppraisalPolicy Build(ParseResult r)
    {
        var policy = r.GetValue(Policy) is { } file ? Load(file) : AppraisalPolicy.Default;
        if (r.GetValue(Strict))
        {
            policy = policy with { AcceptedTcbStatuses = [TcbStatus.UpToDate] };
        }
        if (r.GetValue(AcceptTcbStatus) is { Length: > 0 } statuses)
        {
            policy = policy with { AcceptedTcbStatuses = [.. Split(statuses).Select(ParseStatus)] };
        }
        if (r.GetValue(AllowDebug))
        {
            policy = policy with { AllowDebug = true };
        }
        if (r.GetValue(AllowExpiredCollateral))
        {
            policy = policy with { AllowExpiredCollateral = true };
        }
        if (r.GetValue(RejectAdvisory) is { Length: > 0 } advisories)
        {
            policy = policy with { RejectedAdvisoryIds = [.. policy.RejectedAdvisoryIds, .. Split(advisories)] };
        }
        if (r.GetValue(MinTcbEvaluationDataNumber) is { } minimum)
        {
            policy = policy with { MinTcbEvaluationDataNumber = minimum };
        }
        if (r.GetValue(MaxCollateralAge) is { } age)
        {
            policy = policy with { MaxCollateralAge = ParseAge(age) };
        }
        if (r.GetValue(ReportData) is { } reportData)
        {
            policy = policy with { ReportData = reportData };
        }
        if (r.GetValue(ReportDataSha256Of) is { } preimage)
        {
            policy = policy with { ReportDataSha256Of = Convert.ToHexString(ReadPreimage(preimage)) };
        }
        var sgx = policy.Sgx ?? new SgxEnclavePolicy();
        var sgxChanged = false;
        if (r.GetValue(MrEnclave) is { Length: > 0 } mrEnclave)
        {
            (sgx, sgxChanged) = (sgx with { MrEnclave = [.. Split(mrEnclave)] }, true);
        }
        if (r.GetValue(MrSigner) is { Length: > 0 } mrSigner)
        {
            (sgx, sgxChanged) = (sgx with { MrSigner = [.. Split(mrSigner)] }, true);
        }
        if (r.GetValue(IsvProdId) is { } prodId)
        {
            (sgx, sgxChanged) = (sgx with { IsvProdId = UShort("--isv-prod-id", prodId) }, true);
        }
        if (r.GetValue(MinIsvSvn) is { } minSvn)
        {
            (sgx, sgxChanged) = (sgx with { MinIsvSvn = UShort("--min-isv-svn", minSvn) }, true);
        }
        if (sgxChanged)
        {
            policy = policy with { Sgx = sgx };
        }
        if (r.GetValue(MrTd) is { Length: > 0 } mrTd)
        {
            policy = policy with { Tdx = (policy.Tdx ?? new TdxTdPolicy()) with { MrTd = [.. Split(mrTd)] } };
        }
        try
        {
            policy.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"appraisal policy: {ex.Message.Split(" (Parameter", 2)[0]}", 1);
        }
        return policy;
    }

    private static AppraisalPolicy Load(string path)
    {
        try
        {
            return AppraisalPolicy.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new CliException($"cannot use policy file {path}: {ex.Message}", 1);
        }
    }

    private static byte[] ReadPreimage(string path)
    {
        try
        {
            return BoundedInput.ReadAllBytes(path, 1024 * 1024, "the bytes bound into the report data (a key or nonce)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--report-data-sha256-of {path}: {ex.Message}", 1);
        }
    }

    private static IEnumerable<string> Split(string[] values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static TcbStatus ParseStatus(string name) =>
        AppraisalPolicy.TryParseTcbStatus(name, out var status)
            ? status
            : throw new CliException($"--accept-tcb-status {name}: not a TCB status (UpToDate, SWHardeningNeeded, ConfigurationNeeded, ConfigurationAndSWHardeningNeeded, OutOfDate, OutOfDateConfigurationNeeded, TDRelaunchAdvised, TDRelaunchAdvisedConfigurationNeeded)", 1);

    private static ushort UShort(string flag, int value) =>
        value is >= 0 and <= ushort.MaxValue ? (ushort)value : throw new CliException($"{flag} {value}: expected 0..65535", 1);

    private static TimeSpan ParseAge(string text)
    {
        text = text.Trim();
        var unit = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsAsciiLetter(text.Length > 0 ? text[^1] : '0') ? text[..^1] : text;
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || unit is not ('s' or 'm' or 'h' or 'd'))
        {
            throw new CliException($"--max-collateral-age {text}: expected seconds or a number with s, m, h or d (e.g. 30d)", 1);
        }
        var seconds = unit switch { 'm' => value * 60, 'h' => value * 3600, 'd' => value * 86400, _ => value };
        return seconds is >= 0 and <= int.MaxValue
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliException($"--max-collateral-age {text}: out of range", 1);
    }
}
