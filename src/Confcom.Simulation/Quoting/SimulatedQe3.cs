using System.Security.Cryptography;
using System.Text;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;

namespace Confcom.Simulation.Quoting;

/// <summary>
/// Identity of the simulated QE3. It reports Intel's production QE3 MRSIGNER and ISVPRODID 1, as the default
/// ECDSA attestation key id promises and as the (simulated) QE Identity collateral lists, so unmodified verifiers
/// apply their usual QE policy. That is safe because trust comes from the simulated root, never Intel's. The
/// MRENCLAVE is a fixed recognisable value and the attributes are a production QE's (INIT | PROVISIONKEY, no DEBUG).
/// </summary>
public static class SimulatedQe3
{
    /// <summary>SHA-256 of "Confcom simulated QE3": no real enclave measures to it.</summary>
    public static ReadOnlySpan<byte> MrEnclave => SHA256.HashData(Encoding.ASCII.GetBytes("Confcom simulated QE3"));

    public static SgxAttributes Attributes => new(SgxAttributes.FlagInit | SgxAttributes.FlagProvisionKey, 0x3);

    public const uint MiscSelect = 0;

    public static SimulatedEnclaveIdentity Identity(ushort isvSvn) => new()
    {
        MrEnclave = MrEnclave.ToArray(),
        MrSigner = IntelQuotingEnclave.ProductionMrSigner.ToArray(),
        IsvProdId = IntelQuotingEnclave.ProdId,
        IsvSvn = isvSvn,
        Attributes = Attributes,
        MiscSelect = MiscSelect,
    };
}
