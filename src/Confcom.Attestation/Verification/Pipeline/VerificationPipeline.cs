using Confcom.Aesm.Quoting;
using Confcom.Attestation.Verification.Cache;
using Confcom.Attestation.Verification.Steps;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Verification.Pipeline;

/// <summary>
/// Intel's QvE order (<c>qve.cpp</c> <c>sgx_qve_verify_quote</c>, then QVL <c>QuoteVerifier::verify</c>), one step
/// per line. Each step returns a failure value or nothing; collateral and PCK chain results come from the cache.
/// </summary>
internal static class VerificationPipeline
{
    public static VerificationOutcome Run(Quote quote, QuoteCollateral collateral, DateTimeOffset at, VerificationCache cache)
    {
        var outcome = new VerificationOutcome();
        if (QuoteFormatStep.Check(quote) is { } format)                                             // 4.a quote format
        {
            return outcome.Fail(format);
        }
        var pem = QuoteFormatStep.PckChain(quote, collateral.PckCertificateChain);
        if (pem.Failure is { } noChain)
        {
            return outcome.Fail(noChain);
        }
        var (verified, key) = cache.GetCollateral(collateral, at);                                    // steps 2, 3: TCB Info, QE Identity
        var chain = cache.GetPckChain(pem.Value!, verified, key, at);                                 // step 1: PCK chain and CRLs
        outcome.Collateral = verified;
        outcome.Chain = chain;
        if ((chain.Failure ?? verified.TcbInfoFailure ?? verified.QeIdentityFailure ?? chain.ExtensionFailure) is { } collateralFailure)
        {
            return outcome.Fail(collateralFailure);                                                   // ... and 4.b PCK extension
        }
        var platform = chain.Platform!;
        var tcbInfo = verified.TcbInfo!;
        outcome.Fmspc = Convert.ToHexString(platform.Fmspc);
        if (TcbInfoFitStep.Check(quote, tcbInfo, platform) is { } fit)                              // 4.d, 4.e TCB Info fits
        {
            return outcome.Fail(fit);
        }
        TdxModuleIdentity? module = null;
        if (quote.Body.Td is { } td)
        {
            (module, var moduleFailure) = TdxModuleStep.Check(quote, td, tcbInfo);                   // 4.f TDX module
            if (moduleFailure is not null)
            {
                return outcome.Fail(moduleFailure);
            }
        }
        if (QeReportStep.Check(quote, chain.PckPublicKey!) is { } qeReport)                          // 4.g, 4.h QE report
        {
            return outcome.Fail(qeReport);
        }
        var (qeLevel, qeFailure) = QeIdentityStep.Check(quote, verified.QeIdentity!);                // 4.i QE identity
        if (qeFailure is not null)
        {
            return outcome.Fail(qeFailure);
        }
        outcome.QeLevel = qeLevel;
        if (IsvSignatureStep.Check(quote) is { } isv)                                                // 4.j ISV signature
        {
            return outcome.Fail(isv);
        }
        var tcb = TcbLevelStep.Evaluate(quote, tcbInfo, verified.TcbLevelsDescending, platform, module, qeLevel!, outcome.Fmspc);
        if (tcb.Failure is { } tcbFailure)                                                           // 4.k TCB level
        {
            return outcome.Fail(tcbFailure);
        }
        outcome.Tcb = tcb.Value;
        return tcb.Value!.Status == TcbStatus.Revoked ? outcome.Fail(Revoked(tcb.Value, qeLevel!)) : outcome;
    }

    /// <summary>QVL's TCB_REVOKED, which QvE returns as <c>SGX_QL_TCB_REVOKED</c> with result UNSPECIFIED.</summary>
    private static VerificationFailure Revoked(TcbEvaluation tcb, EnclaveTcbLevel qeLevel)
    {
        var qe = qeLevel.Status == TcbStatus.Revoked;
        var which = qe ? "the QE's TCB level (QE Identity)"
            : tcb.ModuleLevel?.Status == TcbStatus.Revoked ? "the TDX module's TCB level" : "the platform's TCB level";
        return new VerificationFailure(qe ? VerificationCheck.QeTcbLevel : VerificationCheck.TcbLevel, Quote3Error.TcbRevoked, $"{which} is Revoked (TCB_REVOKED)");
    }
}
