using System.Globalization;
using Confcom.Aesm.Quoting;
using Confcom.Attestation.Appraisal;
using Confcom.Attestation.Collateral;
using Confcom.Attestation.Verification.Cache;
using Confcom.Attestation.Verification.Pipeline;
using Confcom.Attestation.Verification.Tcb;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Attestation.Verification;

/// <summary>
/// Verifies DCAP ECDSA quotes (v3/v4/v5, SGX and TDX) with Intel QvE/QVL's checks in their order and reports
/// Intel's verdict exactly, then appraises it with the options' <see cref="AppraisalPolicy"/>. Thread-safe; keep one
/// instance per trust anchor: it caches verified collateral, PCK chains and certificates so that a warm verification
/// costs little more than the quote's own two ECDSA verifications.
/// </summary>
public sealed partial class QuoteVerifier
{
    private readonly QuoteVerifierOptions _options;
    private readonly ILogger _logger;
    private readonly VerificationCache _cache;

    /// <summary>Throws <see cref="ArgumentException"/> when the options' policy is malformed.</summary>
    public QuoteVerifier(QuoteVerifierOptions? options = null, ILogger<QuoteVerifier>? logger = null)
    {
        _options = options ?? new QuoteVerifierOptions();
        ArgumentNullException.ThrowIfNull(_options.TrustAnchor, "options.TrustAnchor");
        ArgumentNullException.ThrowIfNull(_options.Policy, "options.Policy");
        _options.Policy.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _cache = new VerificationCache(_options.TrustAnchor);
    }

    /// <summary>The settings this verifier was created with.</summary>
    public QuoteVerifierOptions Options => _options;

    /// <summary>How many times collateral or a PCK chain was verified from scratch (cache misses), for diagnostics.</summary>
    public int CacheRebuilds => _cache.Rebuilds;

    /// <summary>
    /// Reads the quote up to its declared length, as Intel's QVL does, and verifies it. Bytes after the quote (AESM's
    /// zero padding, anything else) are never verified and never a reason to refuse: they are reported in
    /// <see cref="QuoteVerificationResult.Warnings"/>.
    /// </summary>
    public QuoteVerificationResult Verify(ReadOnlyMemory<byte> quoteBytes, QuoteCollateral collateral, DateTimeOffset at)
    {
        var parsed = Parse(quoteBytes, at);
        return parsed.Quote is null ? parsed.Rejected! : Verify(parsed.Quote, collateral, at, parsed.Warning);
    }

    /// <summary>
    /// Fetches the collateral for the quote's platform from <paramref name="source"/> and verifies. A source that
    /// cannot deliver throws <see cref="CollateralUnavailableException"/> (an operational error, not a verdict).
    /// </summary>
    public async Task<QuoteVerificationResult> VerifyAsync(ReadOnlyMemory<byte> quoteBytes, ICollateralSource source,
        DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parsed = Parse(quoteBytes, at);
        if (parsed.Quote is not { } quote)
        {
            return parsed.Rejected!;
        }
        CollateralRequest request;
        try
        {
            request = CollateralRequest.ForQuote(quote);
        }
        catch (FormatException ex)
        {
            return Reject(VerificationFailure.Of(VerificationCheck.PckCertificateExtension, $"cannot tell which collateral the quote needs: {ex.Message}"),
                Basic(quote, at));
        }
        var fetched = await source.GetCollateralAsync(request, cancellationToken).ConfigureAwait(false);
        return Verify(quote, fetched.Collateral, at, parsed.Warning);
    }

    /// <summary>
    /// Verifies <paramref name="quote"/> against <paramref name="collateral"/> at time <paramref name="at"/>, in the
    /// order of Intel's QVL; never throws for a bad quote: the result says which check failed and why.
    /// </summary>
    public QuoteVerificationResult Verify(Quote quote, QuoteCollateral collateral, DateTimeOffset at) => Verify(quote, collateral, at, null);

    private QuoteVerificationResult Verify(Quote quote, QuoteCollateral collateral, DateTimeOffset at, string? warning)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(collateral);
        var outcome = VerificationPipeline.Run(quote, collateral, at, _cache);
        var result = Describe(quote, at, outcome, warning);
        if (outcome.Failure is { } failure)
        {
            return Reject(failure, result);
        }
        if (result.CollateralExpired && outcome.Chain!.FirstExpiryReport())
        {
            LogCollateralExpired(_logger, result.Fmspc ?? "(unknown)", string.Join("; ", result.ExpiredCollateral), at);
        }
        if (result.Status != QuoteVerificationStatus.Ok)
        {
            LogNonTerminal(_logger, result.StatusName, result.Fmspc ?? "(unknown)", string.Join(",", result.AdvisoryIds));
        }
        var appraised = result with { Appraisal = _options.Policy.Evaluate(result) };
        if (!appraised.Appraisal.IsAccepted)
        {
            LogRefused(_logger, result.StatusName, result.Fmspc ?? "(unknown)", appraised.Appraisal.Summary);
        }
        return appraised;
    }

    private (Quote? Quote, string? Warning, QuoteVerificationResult? Rejected) Parse(ReadOnlyMemory<byte> bytes, DateTimeOffset at)
    {
        try
        {
            var quote = QuoteParser.ParseLeading(bytes, out var trailing);
            return (quote, Trailing(bytes.Span[quote.Length..], quote.Length, trailing), null);
        }
        catch (QuoteFormatException ex)
        {
            return (null, null, Reject(VerificationFailure.Of(VerificationCheck.QuoteFormat, ex.Message), new QuoteVerificationResult
            {
                Status = QuoteVerificationStatus.Unspecified,
                VerifiedAt = at,
            }));
        }
    }

    private static string? Trailing(ReadOnlySpan<byte> trailing, int quoteLength, int count) =>
        count == 0 ? null
        : trailing.ContainsAnyExcept((byte)0)
            ? $"{count} bytes after the quote's declared end (offset {quoteLength}) were ignored: no signature covers them (Intel's QVL reads the declared length too)"
            : $"{count} zero bytes of padding after the quote (offset {quoteLength}) were ignored";

    private QuoteVerificationResult Reject(VerificationFailure failure, QuoteVerificationResult partial)
    {
        LogRejected(_logger, failure.Check, Quote3ErrorNames.IntelName(failure.Error), partial.Fmspc ?? "(unknown)", failure.Message);
        var rejected = partial with
        {
            // QvE: "if any check or operation failed ... set p_quote_verification_result to SGX_QL_QV_RESULT_UNSPECIFIED".
            Status = QuoteVerificationStatus.Unspecified,
            Quote3Error = failure.Error,
            FailedCheck = failure.Check,
            FailureMessage = failure.Message,
            ConvergedTcbStatus = null,
        };
        return rejected with { Appraisal = _options.Policy.Evaluate(rejected) };
    }

    private static QuoteVerificationResult Basic(Quote quote, DateTimeOffset at) => new()
    {
        Status = QuoteVerificationStatus.Unspecified,
        VerifiedAt = at,
        QuoteVersion = quote.Header.Version,
        TeeType = (uint)quote.Header.TeeType,
    };

    private static QuoteVerificationResult Describe(Quote quote, DateTimeOffset at, VerificationOutcome outcome, string? warning)
    {
        var result = Basic(quote, at) with
        {
            Fmspc = outcome.Fmspc,
            Warnings = warning is null ? [] : [warning],
            Enclave = quote.Body.Sgx is { } sgx ? Describe(sgx) : null,
            Td = quote.Body.Td is { } td ? Describe(td) : null,
        };
        if (outcome.Tcb is not { } tcb)
        {
            return result;
        }
        var collateral = outcome.Collateral!;
        var validity = outcome.Chain!.Validity;
        var status = TcbStatusConvergence.ToResult(tcb.Status);
        return result with
        {
            Status = status,
            ConvergedTcbStatus = tcb.Status,
            PlatformTcbStatus = tcb.Level.Status,
            QeTcbStatus = outcome.QeLevel!.Status,
            TdxModuleTcbStatus = tcb.ModuleLevel?.Status,
            AdvisoryIds = tcb.Level.AdvisoryIds,
            QeAdvisoryIds = outcome.QeLevel.AdvisoryIds,
            TdxModuleAdvisoryIds = tcb.ModuleLevel?.AdvisoryIds ?? [],
            TcbDate = tcb.Level.TcbDate,
            TcbEvaluationDataNumber = collateral.TcbInfo!.TcbEvaluationDataNumber,
            QeTcbEvaluationDataNumber = collateral.QeIdentity!.TcbEvaluationDataNumber,
            ExpiredCollateral = validity.Where(v => at >= v.NotAfter).ToList(),
            NotYetValidCollateral = validity.Where(v => v.IsNotYetValid(at)).ToList(),
            EarliestCollateralExpiry = validity.Count > 0 ? validity.Min(v => v.NotAfter) : null,
            OldestCollateralIssue = collateral.OldestIssue,
        };
    }

    private static VerifiedEnclave Describe(SgxReportBody body) => new()
    {
        MrEnclave = Convert.ToHexStringLower(body.MrEnclave),
        MrSigner = Convert.ToHexStringLower(body.MrSigner),
        IsvProdId = body.IsvProdId,
        IsvSvn = body.IsvSvn,
        CpuSvn = Convert.ToHexStringLower(body.CpuSvn),
        MiscSelect = body.MiscSelect,
        AttributesFlags = body.Attributes.Flags,
        AttributesXfrm = body.Attributes.Xfrm,
        IsDebug = body.IsDebug,
        IsvExtProdId = Convert.ToHexStringLower(body.IsvExtProdId),
        IsvFamilyId = Convert.ToHexStringLower(body.IsvFamilyId),
        ConfigId = Convert.ToHexStringLower(body.ConfigId),
        ConfigSvn = body.ConfigSvn,
        ReportData = Convert.ToHexStringLower(body.ReportData),
    };

    private static VerifiedTd Describe(TdReportBody td) => new()
    {
        TeeTcbSvn = Convert.ToHexStringLower(td.TeeTcbSvn),
        MrSeam = Convert.ToHexStringLower(td.MrSeam),
        MrSignerSeam = Convert.ToHexStringLower(td.MrSignerSeam),
        SeamAttributes = td.SeamAttributes.ToString("x16", CultureInfo.InvariantCulture),
        TdAttributes = td.TdAttributes.ToString("x16", CultureInfo.InvariantCulture),
        Xfam = td.Xfam.ToString("x16", CultureInfo.InvariantCulture),
        MrTd = Convert.ToHexStringLower(td.MrTd),
        MrConfigId = Convert.ToHexStringLower(td.MrConfigId),
        MrOwner = Convert.ToHexStringLower(td.MrOwner),
        MrOwnerConfig = Convert.ToHexStringLower(td.MrOwnerConfig),
        Rtmrs = [.. Enumerable.Range(0, TdReportBody.RtMrCount).Select(i => Convert.ToHexStringLower(td.RtMr(i)))],
        ReportData = Convert.ToHexStringLower(td.ReportData),
        IsDebug = (td.TdAttributes & 1) != 0,
    };
}
