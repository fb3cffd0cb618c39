namespace Confcom.Sgx.Collateral;

/// <summary>
/// Intel's PCS v4 REST API as both the collateral client and the simulated PCS speak it (aesm-dcap spec §5.5): the
/// paths below a server root, their query parameters, and the response headers that carry issuer chains
/// (URL-encoded PEM). PCCS serves the same paths, plus <c>rootcacrl</c>.
/// </summary>
public static class PcsApi
{
    /// <summary>The SGX tree below the server root.</summary>
    public const string SgxPrefix = "sgx/certification/v4";

    /// <summary>The TDX tree below the server root (TCB Info and QE Identity of TDX platforms).</summary>
    public const string TdxPrefix = "tdx/certification/v4";

    /// <summary>The Intel PCS v4 path <c>pckcert</c>.</summary>
    public const string PckCertificatePath = "pckcert";
    /// <summary>The Intel PCS v4 path <c>pckcrl</c>.</summary>
    public const string PckCrlPath = "pckcrl";
    /// <summary>The Intel PCS v4 path <c>tcb</c>.</summary>
    public const string TcbInfoPath = "tcb";
    /// <summary>The Intel PCS v4 path <c>qe/identity</c>.</summary>
    public const string QeIdentityPath = "qe/identity";

    /// <summary>PCCS only; Intel PCS publishes the Root CA CRL at the root certificate's distribution point.</summary>
    public const string RootCaCrlPath = "rootcacrl";

    /// <summary>The <c>SGX-PCK-Certificate-Issuer-Chain</c> header of Intel PCS v4.</summary>
    public const string PckCertificateIssuerChainHeader = "SGX-PCK-Certificate-Issuer-Chain";
    /// <summary>The <c>SGX-PCK-CRL-Issuer-Chain</c> header of Intel PCS v4.</summary>
    public const string PckCrlIssuerChainHeader = "SGX-PCK-CRL-Issuer-Chain";
    /// <summary>The <c>TCB-Info-Issuer-Chain</c> header of Intel PCS v4.</summary>
    public const string TcbInfoIssuerChainHeader = "TCB-Info-Issuer-Chain";

    /// <summary>The TCB Info chain header of PCS v3, still sent by some PCCS versions.</summary>
    public const string TcbInfoIssuerChainHeaderV3 = "SGX-TCB-Info-Issuer-Chain";

    /// <summary>The <c>SGX-Enclave-Identity-Issuer-Chain</c> header of Intel PCS v4.</summary>
    public const string EnclaveIdentityIssuerChainHeader = "SGX-Enclave-Identity-Issuer-Chain";
    /// <summary>The <c>SGX-TCBm</c> header of Intel PCS v4.</summary>
    public const string TcbMHeader = "SGX-TCBm";
    /// <summary>The <c>SGX-FMSPC</c> header of Intel PCS v4.</summary>
    public const string FmspcHeader = "SGX-FMSPC";
    /// <summary>The <c>SGX-PCK-Certificate-CA-Type</c> header of Intel PCS v4.</summary>
    public const string PckCertificateCaTypeHeader = "SGX-PCK-Certificate-CA-Type";

    /// <summary>The JSON property of the signed object in a <c>tcb</c> response.</summary>
    public const string TcbInfoProperty = "tcbInfo";

    /// <summary>The JSON property of the signed object in a <c>qe/identity</c> response.</summary>
    public const string EnclaveIdentityProperty = "enclaveIdentity";

    /// <summary>The tree (<see cref="SgxPrefix"/> or <see cref="TdxPrefix"/>) for a quote's TEE.</summary>
    public static string Prefix(bool tdx) => tdx ? TdxPrefix : SgxPrefix;
}
