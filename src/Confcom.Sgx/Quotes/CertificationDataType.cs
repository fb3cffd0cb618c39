namespace Confcom.Sgx.Quotes;

/// <summary><c>sgx_ql_cert_key_type_t</c>: what a certification data block holds.</summary>
public enum CertificationDataType : ushort
{
    /// <summary>Ppid cleartext.</summary>
    PpidCleartext = 1,
    /// <summary>Ppid rsa2048 encrypted.</summary>
    PpidRsa2048Encrypted = 2,
    /// <summary>Ppid rsa3072 encrypted.</summary>
    PpidRsa3072Encrypted = 3,
    /// <summary>Pck cleartext.</summary>
    PckCleartext = 4,
    /// <summary>Pck certificate chain.</summary>
    PckCertificateChain = 5,

    /// <summary>v4/v5 outer block: QE report certification data wrapping a nested block of type 1–5.</summary>
    QeReportCertificationData = 6,
}
