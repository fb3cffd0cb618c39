using System.Collections.Concurrent;
using System.Security.Cryptography;
using Confcom.Attestation.Verification.Pki;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Cache;

/// <summary>Parsed CRLs by content: CRLs are reissued on their own schedule, independently of TCB Info and QE Identity.</summary>
internal sealed class CrlCache(int capacity = 64)
{
    private readonly ConcurrentDictionary<string, CertificateRevocationList> _crls = new(StringComparer.Ordinal);

    public CertificateRevocationList Get(byte[] bytes, string name)
    {
        var key = Convert.ToHexString(SHA256.HashData(bytes)) + "|" + name;
        if (_crls.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var crl = CertificateRevocationList.Parse(CrlEncoding.ToDer(bytes, name), name);
        if (_crls.Count >= capacity)
        {
            _crls.Clear();
        }
        _crls[key] = crl;
        return crl;
    }
}
