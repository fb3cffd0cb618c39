using System.Security.Cryptography;
using Confcom.Attestation.Collateral;
using Confcom.Attestation.Verification.Cache;
using Confcom.Attestation.Verification.Tcb;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification;

/// <summary>
/// Verifies DCAP ECDSA quotes (v3/v4/v5, SGX and TDX) with Intel QvE/QVL's checks in their order (spec §6) and
/// Intel's status convergence. Thread-safe; keep one instance per trust anchor: it caches verified collateral and
/// PCK chains so that a warm verification costs little more than the quote's own two ECDSA verifications.
/// </summary>
public sealed partial class QuoteVerifier
{
    // sgx_report2_body_t: seam_attributes at 112 (spec §3.2).
    private const int SeamAttributesOffset = 112;

    private readonly QuoteVerifierOptions _options;
    private readonly ILogger _logger;
    private readonly VerificationCache _cache;

    public QuoteVerifier(QuoteVerifierOptions? options = null, ILogger<QuoteVerifier>? logger = null)
    {
        _options = options ?? new QuoteVerifierOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _cache = new VerificationCache(_options.TrustAnchor);
    }

    public QuoteVerifierOptions Options => _options;

    /// <summary>How many times collateral or a PCK chain was verified from scratch (cache misses), for diagnostics.</summary>
    public int CacheRebuilds => _cache.Rebuilds;

    /// <summary>Parses (tolerating AESM's trailing zero padding) and verifies a quote.</summary>
    public QuoteVerificationResult Verify(ReadOnlyMemory<byte> quoteBytes, QuoteCollateral collateral, DateTimeOffset at)
    {
        Quote quote;
        try
        {
            quote = Quote.Parse(quoteBytes, allowZeroPadding: true);
        }
        catch (QuoteFormatException ex)
        {
            return Fail(VerificationFailure.Unspecified(VerificationCheck.QuoteFormat, ex.Message), at, null, null);
        }
        return Verify(quote, collateral, at);
    }

    /// <summary>
    /// Fetches the collateral for the quote's platform from <paramref name="source"/> and verifies. A source that
    /// cannot deliver throws <see cref="CollateralUnavailableException"/> (an operational error, not a verdict).
    /// </summary>
    public async Task<QuoteVerificationResult> VerifyAsync(ReadOnlyMemory<byte> quoteBytes, ICollateralSource source,
        DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        Quote quote;
        try
        {
            quote = Quote.Parse(quoteBytes, allowZeroPadding: true);
        }
        catch (QuoteFormatException ex)
        {
            return Fail(VerificationFailure.Unspecified(VerificationCheck.QuoteFormat, ex.Message), at, null, null);
        }
        CollateralRequest request;
        try
        {
            request = CollateralRequest.ForQuote(quote);
        }
        catch (FormatException ex)
        {
            return Fail(VerificationFailure.Unspecified(VerificationCheck.PckCertificateExtension,
                $"cannot tell which collateral the quote needs: {ex.Message}"), at, quote, null);
        }
        var fetched = await source.GetCollateralAsync(request, cancellationToken).ConfigureAwait(false);
        return Verify(quote, fetched.Collateral, at);
    }

    public QuoteVerificationResult Verify(Quote quote, QuoteCollateral collateral, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(collateral);
        string? fmspc = null;
        try
        {
            // 4.a: quote format (QVL checks it first; it costs nothing).
            CheckHeader(quote);
            var pem = collateral.PckCertificateChain ?? quote.PckCertificateChainPem
                ?? throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat,
                    $"the quote carries certification data type {(int)quote.Signature.CertificationData.Type}, not a PCK certificate chain (type 5); " +
                    "put the PCK chain into the collateral's pck_certificate_chain");

            // QvE steps 1-3: PCK chain with both CRLs, TCB Info, QE Identity (cached per content and time window).
            var (verified, key) = _cache.GetCollateral(collateral, at);
            var chain = _cache.GetPckChain(pem, verified, key, at);
            ThrowIf(chain.Failure);
            ThrowIf(verified.TcbInfoFailure);
            ThrowIf(verified.QeIdentityFailure);
            var tcbInfo = verified.TcbInfo!;
            var qeIdentity = verified.QeIdentity!;

            // 4.b: PCK certificate's SGX extension.
            ThrowIf(chain.ExtensionFailure);
            var platform = chain.Platform!;
            fmspc = Convert.ToHexString(platform.Fmspc);

            // 4.d, 4.e: TCB Info fits the quote and the platform.
            CheckTcbInfoFits(quote, tcbInfo, platform);

            // 4.f: TDX module identity.
            var td = quote.Body.Td;
            var moduleIdentity = td is null ? null : CheckTdxModule(quote, td, tcbInfo);

            // 4.g: QE report signed by the PCK key.
            var qe = quote.Signature.QeReportCertificationData;
            if (!chain.PckPublicKey!.VerifyData(qe.QeReport.Bytes, qe.QeReportSignature.Span, HashAlgorithmName.SHA256,
                    DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                throw new VerificationFailure(VerificationCheck.QeReportSignature, QuoteVerificationStatus.InvalidSignature,
                    "the QE report signature does not verify with the PCK certificate's key");
            }

            // 4.h: QE report binds the attestation key and the QE authentication data.
            CheckQeReportData(quote);

            // 4.i: QE identity.
            var qeLevel = CheckQeIdentity(quote, qeIdentity);

            // 4.j: ISV signature over header and body with the attestation key.
            CheckIsvSignature(quote);

            // 4.k: TCB level and convergence.
            var teeTcbSvn = td is null ? default : td.TeeTcbSvn;
            var level = TcbLevelMatcher.Select(verified.TcbLevelsDescending, platform, teeTcbSvn)
                ?? throw VerificationFailure.Unspecified(VerificationCheck.TcbLevel,
                    $"the platform's TCB (PCK certificate components, PCESVN {platform.PceSvn}) is below every level of the TCB Info for FMSPC {fmspc} (TCB_NOT_SUPPORTED)");
            var status = level.Status;
            EnclaveTcbLevel? moduleLevel = null;
            if (td is not null)
            {
                moduleLevel = SelectModuleLevel(td, moduleIdentity);
                var moduleStatus = moduleLevel?.Status ?? TcbStatus.UpToDate;
                status = TcbStatusConvergence.WithTdxModule(status, moduleStatus);
                if (td.IsTd15 && status != TcbStatus.Revoked)
                {
                    var sgxLevel = TcbLevelMatcher.SelectSgx(verified.TcbLevelsDescending, platform)!;
                    status = TdRelaunchCheck.Apply(td.TeeTcbSvn2, tcbInfo, verified.TcbLevelsDescending, sgxLevel.Status, status, moduleStatus, qeLevel.Status);
                }
            }
            status = TcbStatusConvergence.WithQe(status, qeLevel.Status);

            var expired = ExpiredItems(chain.Validity, at);
            var advisories = level.AdvisoryIds
                .Concat(moduleLevel?.AdvisoryIds ?? [])
                .Concat(qeLevel.AdvisoryIds)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var result = new QuoteVerificationResult
            {
                Status = TcbStatusConvergence.ToResult(status),
                VerifiedAt = at,
                QuoteVersion = quote.Header.Version,
                TeeType = (uint)quote.Header.TeeType,
                Fmspc = fmspc,
                PlatformTcbStatus = level.Status,
                QeTcbStatus = qeLevel.Status,
                TdxModuleTcbStatus = moduleLevel?.Status,
                AdvisoryIds = advisories,
                TcbDate = level.TcbDate,
                TcbEvaluationDataNumber = tcbInfo.TcbEvaluationDataNumber,
                ExpiredCollateral = expired,
                EarliestCollateralExpiry = chain.Validity.Min(v => v.NotAfter),
                Enclave = quote.Body.Sgx is { } sgx ? Describe(sgx) : null,
                Td = td is not null ? Describe(td) : null,
            };

            if (status == TcbStatus.Revoked)
            {
                var which = qeLevel.Status == TcbStatus.Revoked ? "the QE's TCB level (QE Identity)"
                    : moduleLevel?.Status == TcbStatus.Revoked ? "the TDX module's TCB level" : "the platform's TCB level";
                return Fail(new VerificationFailure(qeLevel.Status == TcbStatus.Revoked ? VerificationCheck.QeTcbLevel : VerificationCheck.TcbLevel,
                    QuoteVerificationStatus.Revoked, $"{which} is Revoked (TCB_REVOKED)"), result);
            }
            var debug = result.Enclave?.IsDebug ?? result.Td?.IsDebug ?? false;
            if (debug && !_options.AllowDebug)
            {
                return Fail(VerificationFailure.Unspecified(VerificationCheck.DebugMode,
                    td is null ? "the enclave is a debug enclave (ATTRIBUTES.DEBUG set); its memory is readable by the host" : "the TD is a debug TD (TD_ATTRIBUTES.DEBUG set)"),
                    result);
            }
            if (expired.Count > 0)
            {
                if (chain.FirstExpiryReport())
                {
                    LogCollateralExpired(_logger, fmspc, string.Join("; ", expired), at);
                }
                if (_options.Strict)
                {
                    return Fail(VerificationFailure.Unspecified(VerificationCheck.CollateralExpiry,
                        $"collateral expired at {at:yyyy-MM-ddTHH:mm:ssZ} (strict): {string.Join("; ", expired)}; fetch fresh collateral"), result);
                }
            }
            if (result.Status != QuoteVerificationStatus.Ok)
            {
                LogNonTerminal(_logger, result.StatusName, fmspc, string.Join(",", advisories));
            }
            return result;
        }
        catch (VerificationFailure failure)
        {
            return Fail(failure, at, quote, fmspc);
        }
    }

    private static void ThrowIf(VerificationFailure? failure)
    {
        if (failure is not null)
        {
            throw failure;
        }
    }

    private static void CheckHeader(Quote quote)
    {
        var header = quote.Header;
        if (!QuoteConstants.SupportedVersions.Contains(header.Version))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat, $"quote version {header.Version} is not supported (3, 4, 5)");
        }
        if (header.AttestationKeyType != QuoteConstants.AttestationKeyTypeEcdsaP256)
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat,
                $"attestation key type {header.AttestationKeyType} is not ECDSA-256-with-P-256 (2)");
        }
        if (header.TeeType is not (TeeType.Sgx or TeeType.Tdx))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat, $"TEE type 0x{(uint)header.TeeType:X} is neither SGX (0) nor TDX (0x81)");
        }
        if (header.Version == QuoteConstants.Version3 && header.TeeType != TeeType.Sgx)
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat, "a v3 quote must be an SGX quote (TEE type 0)");
        }
        if ((header.TeeType == TeeType.Tdx) != (quote.Body.Td is not null))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat, $"TEE type {header.TeeType} does not match the {quote.Body.Type} body");
        }
        if (!header.QeVendorId.SequenceEqual(IntelQuotingEnclave.VendorId))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat,
                $"QE vendor id {Convert.ToHexString(header.QeVendorId)} is not Intel's");
        }
        // v4/v5: the parser already required the outer type 6; this is the nested block (QVL accepts 1-5).
        var certification = quote.Signature.CertificationData;
        if (certification.Type is < CertificationDataType.PpidCleartext or > CertificationDataType.PckCertificateChain)
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat,
                $"certification data type {(int)certification.Type} is not 1-5");
        }
    }

    private static void CheckTcbInfoFits(Quote quote, TcbInfo tcbInfo, PlatformTcb platform)
    {
        var tdx = quote.Header.TeeType == TeeType.Tdx;
        if (tcbInfo.Version >= 3 ? tcbInfo.IsTdx != tdx : tdx)
        {
            throw VerificationFailure.Unspecified(VerificationCheck.TcbInfoTeeType,
                $"TCB Info v{tcbInfo.Version} id '{tcbInfo.Id ?? "(none)"}' is not for a {(tdx ? "TDX" : "SGX")} quote (TCB_INFO_MISMATCH)");
        }
        if (!platform.Fmspc.AsSpan().SequenceEqual(tcbInfo.Fmspc))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.Fmspc,
                $"the PCK certificate's FMSPC {Convert.ToHexString(platform.Fmspc)} differs from the TCB Info's {Convert.ToHexString(tcbInfo.Fmspc)}: " +
                "the collateral is for another platform type (TCB_INFO_MISMATCH)");
        }
        if (!platform.PceId.AsSpan().SequenceEqual(tcbInfo.PceId))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.PceId,
                $"the PCK certificate's PCE-ID {Convert.ToHexString(platform.PceId)} differs from the TCB Info's {Convert.ToHexString(tcbInfo.PceId)} (TCB_INFO_MISMATCH)");
        }
    }

    /// <summary>
    /// QVL 4.1.2.4.11: the TD report's SEAM signer and attributes against the TCB Info's TDX module, or, for v4+
    /// quotes whose TEE_TCB_SVN[1] names a module version, the matching <c>TDX_xx</c> module identity.
    /// </summary>
    private static TdxModuleIdentity? CheckTdxModule(Quote quote, TdReportBody td, TcbInfo tcbInfo)
    {
        var version = td.TeeTcbSvn[1];
        var module = tcbInfo.TdxModule;
        TdxModuleIdentity? identity = null;
        if (quote.Header.Version > QuoteConstants.Version3 && version > 0)
        {
            if (tcbInfo.TdxModuleIdentities.Count == 0)
            {
                throw VerificationFailure.Unspecified(VerificationCheck.TcbInfoTeeType,
                    $"TEE_TCB_SVN names TDX module version {version} but the TCB Info has no tdxModuleIdentities (TCB_INFO_MISMATCH)");
            }
            // QVL builds the id from the version byte in hex ("TDX_" + bytesToHexString) and compares case-insensitively.
            var id = $"TDX_{version:X2}";
            identity = tcbInfo.TdxModuleIdentities.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw VerificationFailure.Unspecified(VerificationCheck.TdxModule,
                    $"the TCB Info has no TDX module identity {id} for TEE_TCB_SVN[1] = {version} (TDX_MODULE_MISMATCH)");
            module = identity;
        }
        if (module is null)
        {
            throw VerificationFailure.Unspecified(VerificationCheck.TdxModule, "the TDX TCB Info has no tdxModule (TDX_MODULE_MISMATCH)");
        }
        if (!td.MrSignerSeam.SequenceEqual(module.MrSigner))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.TdxModule,
                $"MRSIGNERSEAM {Convert.ToHexString(td.MrSignerSeam)} is not the TDX module's {Convert.ToHexString(module.MrSigner)} (TDX_MODULE_MISMATCH)");
        }
        // QVL requires SEAMATTRIBUTES to be all zero and equal to the module's attributes (it applies no mask).
        var seamAttributes = td.Bytes.Slice(SeamAttributesOffset, 8);
        if (seamAttributes.ContainsAnyExcept((byte)0) || !seamAttributes.SequenceEqual(module.Attributes))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.TdxModule,
                $"SEAMATTRIBUTES {Convert.ToHexString(seamAttributes)} are not zero and equal to the TDX module's {Convert.ToHexString(module.Attributes)} (TDX_MODULE_MISMATCH)");
        }
        return identity;
    }

    /// <summary>QVL <c>checkTdxModuleTcbStatus</c>: the first module level whose ISVSVN the module's SVN (TEE_TCB_SVN[0]) reaches.</summary>
    private static EnclaveTcbLevel? SelectModuleLevel(TdReportBody td, TdxModuleIdentity? identity)
    {
        if (identity is null)
        {
            return null;
        }
        var isvSvn = td.TeeTcbSvn[0];
        return identity.TcbLevels.FirstOrDefault(l => l.IsvSvn <= isvSvn)
            ?? throw VerificationFailure.Unspecified(VerificationCheck.TcbLevel,
                $"TDX module SVN {isvSvn} is below every level of {identity.Id} (TCB_NOT_SUPPORTED)");
    }

    private static void CheckQeReportData(Quote quote)
    {
        var qe = quote.Signature.QeReportCertificationData;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(quote.Signature.AttestationPublicKey.Span);
        hash.AppendData(qe.AuthenticationData.Span);
        Span<byte> expected = stackalloc byte[32];
        hash.GetHashAndReset(expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, qe.QeReport.ReportData[..32]))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QeReportData,
                "QE report_data[0:32] is not SHA-256(attestation key ‖ QE authentication data): the attestation key is not the one the QE certified (INVALID_QE_REPORT_DATA)");
        }
    }

    private static EnclaveTcbLevel CheckQeIdentity(Quote quote, QeIdentity identity)
    {
        var expectedId = quote.Header.TeeType == TeeType.Tdx ? "TD_QE" : "QE";
        if (identity.Id != expectedId)
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QeIdentityPolicy,
                $"QE Identity id '{identity.Id}' is not '{expectedId}' for this quote (QE_IDENTITY_MISMATCH)");
        }
        var report = quote.Signature.QeReportCertificationData.QeReport;
        var bytes = report.Bytes;
        if (!MaskedEquals(bytes.Slice(16, 4), identity.MiscSelectMask, identity.MiscSelect))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QeIdentityPolicy, "QE MISCSELECT does not match the QE Identity under its mask (QE_IDENTITY_MISMATCH)");
        }
        if (!MaskedEquals(bytes.Slice(48, 16), identity.AttributesMask, identity.Attributes))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QeIdentityPolicy,
                $"QE ATTRIBUTES {Convert.ToHexString(bytes.Slice(48, 16))} do not match the QE Identity under its mask (debug QE?) (QE_IDENTITY_MISMATCH)");
        }
        if (!report.MrSigner.SequenceEqual(identity.MrSigner))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QeIdentityPolicy,
                $"QE MRSIGNER {Convert.ToHexString(report.MrSigner)} is not the QE Identity's {Convert.ToHexString(identity.MrSigner)} (QE_IDENTITY_MISMATCH)");
        }
        if (report.IsvProdId != identity.IsvProdId)
        {
            throw VerificationFailure.Unspecified(VerificationCheck.QeIdentityPolicy,
                $"QE ISVPRODID {report.IsvProdId} is not the QE Identity's {identity.IsvProdId} (QE_IDENTITY_MISMATCH)");
        }
        return identity.TcbLevels.FirstOrDefault(l => l.IsvSvn <= report.IsvSvn)
            ?? throw VerificationFailure.Unspecified(VerificationCheck.QeTcbLevel,
                $"QE ISVSVN {report.IsvSvn} is below every level of the QE Identity (ISVSVN_NOT_SUPPORTED)");
    }

    private static void CheckIsvSignature(Quote quote)
    {
        var key = quote.Signature.AttestationPublicKey.Span;
        bool valid;
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[..32].ToArray(), Y = key[32..].ToArray() },
            });
            valid = ecdsa.VerifyData(quote.SignedRegion.Span, quote.Signature.IsvSignature.Span, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            // QVL: an attestation key that is not a P-256 point is UNSUPPORTED_QUOTE_FORMAT.
            throw VerificationFailure.Unspecified(VerificationCheck.QuoteFormat, "the attestation key is not a point on P-256");
        }
        if (!valid)
        {
            throw new VerificationFailure(VerificationCheck.IsvSignature, QuoteVerificationStatus.InvalidSignature,
                "the quote signature over header and body does not verify with the attestation key (INVALID_QUOTE_SIGNATURE)");
        }
    }

    private static bool MaskedEquals(ReadOnlySpan<byte> value, byte[] mask, byte[] expected)
    {
        var equal = true;
        for (var i = 0; i < value.Length; i++)
        {
            equal &= (value[i] & mask[i]) == expected[i];
        }
        return equal;
    }

    private static List<CollateralExpiry> ExpiredItems(IReadOnlyList<CollateralExpiry> validity, DateTimeOffset at)
    {
        var expired = validity.Where(v => at >= v.NotAfter).ToList();
        var notYet = validity.Where(v => v.IsNotYetValid(at)).ToList();
        if (notYet.Count > 0)
        {
            throw VerificationFailure.Unspecified(VerificationCheck.CollateralExpiry,
                $"collateral not yet valid at {at:yyyy-MM-ddTHH:mm:ssZ}: {string.Join("; ", notYet)} (wrong --at or clock?)");
        }
        return expired;
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
        ConfigId = Convert.ToHexStringLower(body.ConfigId),
        ConfigSvn = body.ConfigSvn,
        ReportData = Convert.ToHexStringLower(body.ReportData),
    };

    private static VerifiedTd Describe(TdReportBody td) => new()
    {
        TeeTcbSvn = Convert.ToHexStringLower(td.TeeTcbSvn),
        MrSeam = Convert.ToHexStringLower(td.MrSeam),
        MrSignerSeam = Convert.ToHexStringLower(td.MrSignerSeam),
        SeamAttributes = td.SeamAttributes.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
        TdAttributes = td.TdAttributes.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
        Xfam = td.Xfam.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
        MrTd = Convert.ToHexStringLower(td.MrTd),
        MrConfigId = Convert.ToHexStringLower(td.MrConfigId),
        MrOwner = Convert.ToHexStringLower(td.MrOwner),
        MrOwnerConfig = Convert.ToHexStringLower(td.MrOwnerConfig),
        Rtmrs = [.. Enumerable.Range(0, TdReportBody.RtMrCount).Select(i => Convert.ToHexStringLower(td.RtMr(i)))],
        ReportData = Convert.ToHexStringLower(td.ReportData),
        IsDebug = (td.TdAttributes & 1) != 0,
    };

    private QuoteVerificationResult Fail(VerificationFailure failure, DateTimeOffset at, Quote? quote, string? fmspc)
    {
        LogRejected(_logger, failure.Check, failure.Status.IntelName(), fmspc ?? "(unknown)", failure.Message);
        return new QuoteVerificationResult
        {
            Status = failure.Status,
            FailedCheck = failure.Check,
            FailureMessage = failure.Message,
            VerifiedAt = at,
            QuoteVersion = quote?.Header.Version ?? 0,
            TeeType = quote is null ? 0 : (uint)quote.Header.TeeType,
            Fmspc = fmspc,
        };
    }

    private QuoteVerificationResult Fail(VerificationFailure failure, QuoteVerificationResult partial)
    {
        LogRejected(_logger, failure.Check, failure.Status.IntelName(), partial.Fmspc ?? "(unknown)", failure.Message);
        return partial with { Status = failure.Status, FailedCheck = failure.Check, FailureMessage = failure.Message };
    }
}
