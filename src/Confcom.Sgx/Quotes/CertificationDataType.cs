namespace Confcom.Sgx.Quotes;

/// <summary><c>sgx_ql_cert_key_type_t</c>: what a certification data block holds.</summary>
public enum CertificationDataType : ushort
{
    PpidCleartext = 1,
    PpidRsa2048Encrypted = 2,
    PpidRsa3072Encrypted = 3,
    PckCleartext = 4,
    PckCertificateChain = 5,

    /// <summary>v4/v5 outer block: QE report certification data wrapping a nested block of type 1–5.</summary>
    QeReportCertificationData = 6,
}
