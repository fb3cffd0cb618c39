namespace Confcom.Simulation.Pcs;

/// <summary>Response header names of Intel's PCS v4 API (aesm-dcap spec §5.5).</summary>
public static class PcsHeaders
{
    public const string PckCertificateIssuerChain = "SGX-PCK-Certificate-Issuer-Chain";
    public const string PckCrlIssuerChain = "SGX-PCK-CRL-Issuer-Chain";
    public const string TcbInfoIssuerChain = "TCB-Info-Issuer-Chain";
    public const string EnclaveIdentityIssuerChain = "SGX-Enclave-Identity-Issuer-Chain";
    public const string TcbM = "SGX-TCBm";
    public const string Fmspc = "SGX-FMSPC";
    public const string PckCertificateCaType = "SGX-PCK-Certificate-CA-Type";
}
