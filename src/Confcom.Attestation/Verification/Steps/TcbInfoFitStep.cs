using Confcom.Attestation.Verification.Tcb;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>QVL 4.d and 4.e (4.1.2.4.9, 4.1.2.4.10): the TCB Info is for this quote's TEE and this platform (FMSPC, PCE-ID).</summary>
internal static class TcbInfoFitStep
{
    public static VerificationFailure? Check(Quote quote, TcbInfo tcbInfo, PlatformTcb platform)
    {
        var tdx = quote.Header.TeeType == TeeType.Tdx;
        if (tcbInfo.Version >= 3 ? tcbInfo.IsTdx != tdx : tdx)
        {
            return VerificationFailure.Of(VerificationCheck.TcbInfoTeeType,
                $"TCB Info v{tcbInfo.Version} id '{tcbInfo.Id ?? "(none)"}' is not for a {(tdx ? "TDX" : "SGX")} quote (TCB_INFO_MISMATCH)");
        }
        if (!platform.Fmspc.AsSpan().SequenceEqual(tcbInfo.Fmspc))
        {
            return VerificationFailure.Of(VerificationCheck.Fmspc,
                $"the PCK certificate's FMSPC {Convert.ToHexString(platform.Fmspc)} differs from the TCB Info's {Convert.ToHexString(tcbInfo.Fmspc)}: " +
                "the collateral is for another platform type (TCB_INFO_MISMATCH)");
        }
        if (!platform.PceId.AsSpan().SequenceEqual(tcbInfo.PceId))
        {
            return VerificationFailure.Of(VerificationCheck.PceId,
                $"the PCK certificate's PCE-ID {Convert.ToHexString(platform.PceId)} differs from the TCB Info's {Convert.ToHexString(tcbInfo.PceId)} (TCB_INFO_MISMATCH)");
        }
        return null;
    }
}
