using Confcom.Aesm.Quoting;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>
/// QVL 4.f (4.1.2.4.11): the TD report's SEAM signer and attributes against the TCB Info's TDX module, or, for v4+
/// quotes whose TEE_TCB_SVN[1] names a module version, the matching <c>TDX_xx</c> module identity.
/// </summary>
internal static class TdxModuleStep
{
    // sgx_report2_body_t: seam_attributes at 112 (spec §3.2).
    private const int SeamAttributesOffset = 112;

    /// <summary>The module identity (null for the plain <c>tdxModule</c>), or the failure.</summary>
    public static (TdxModuleIdentity? Identity, VerificationFailure? Failure) Check(Quote quote, TdReportBody td, TcbInfo tcbInfo)
    {
        var version = td.TeeTcbSvn[1];
        var module = tcbInfo.TdxModule;
        TdxModuleIdentity? identity = null;
        if (quote.Header.Version > QuoteConstants.Version3 && version > 0)
        {
            if (tcbInfo.TdxModuleIdentities.Count == 0)
            {
                return (null, new VerificationFailure(VerificationCheck.TcbInfoTeeType, Quote3Error.TcbInfoMismatch,
                    $"TEE_TCB_SVN names TDX module version {version} but the TCB Info has no tdxModuleIdentities (TCB_INFO_MISMATCH)"));
            }
            // QVL builds the id from the version byte in hex ("TDX_" + bytesToHexString) and compares case-insensitively.
            var id = $"TDX_{version:X2}";
            identity = FindIdentity(tcbInfo, id);
            if (identity is null)
            {
                return (null, VerificationFailure.Of(VerificationCheck.TdxModule,
                    $"the TCB Info has no TDX module identity {id} for TEE_TCB_SVN[1] = {version} (TDX_MODULE_MISMATCH)"));
            }
            module = identity;
        }
        if (module is null)
        {
            return (null, VerificationFailure.Of(VerificationCheck.TdxModule, "the TDX TCB Info has no tdxModule (TDX_MODULE_MISMATCH)"));
        }
        if (!td.MrSignerSeam.SequenceEqual(module.MrSigner))
        {
            return (null, VerificationFailure.Of(VerificationCheck.TdxModule,
                $"MRSIGNERSEAM {Convert.ToHexString(td.MrSignerSeam)} is not the TDX module's {Convert.ToHexString(module.MrSigner)} (TDX_MODULE_MISMATCH)"));
        }
        // QVL requires SEAMATTRIBUTES to be all zero and equal to the module's attributes (it applies no mask).
        var seamAttributes = td.Bytes.Slice(SeamAttributesOffset, 8);
        if (seamAttributes.ContainsAnyExcept((byte)0) || !seamAttributes.SequenceEqual(module.Attributes))
        {
            return (null, VerificationFailure.Of(VerificationCheck.TdxModule,
                $"SEAMATTRIBUTES {Convert.ToHexString(seamAttributes)} are not zero and equal to the TDX module's {Convert.ToHexString(module.Attributes)} (TDX_MODULE_MISMATCH)"));
        }
        return (identity, null);
    }

    public static TdxModuleIdentity? FindIdentity(TcbInfo tcbInfo, string id)
    {
        foreach (var candidate in tcbInfo.TdxModuleIdentities)
        {
            if (string.Equals(candidate.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        return null;
    }
}
