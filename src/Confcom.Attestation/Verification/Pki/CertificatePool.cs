using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Confcom.Attestation.Verification.Pki;

/// <summary>
/// Parsed certificates by DER content, per verifier. One verification meets the root in every chain, the PCK CA
/// in the PCK chain and the PCK CRL issuer chain, the TCB Signing certificate for both TCB Info and QE Identity:
/// sharing the parsed object shares its imported key and its remembered signature checks.
/// </summary>
internal sealed class CertificatePool(int capacity = 256)
{
    private readonly ConcurrentDictionary<byte[], ParsedCertificate> _certificates = new(DerComparer.Instance);

    /// <summary>Throws <see cref="FormatException"/> for bytes that are not a certificate.</summary>
    public ParsedCertificate Get(byte[] der)
    {
        if (_certificates.TryGetValue(der, out var cached))
        {
            return cached;
        }
        var parsed = ParsedCertificate.Parse(der);
        if (_certificates.Count >= capacity)
        {
            _certificates.Clear();
        }
        return _certificates.GetOrAdd(der, parsed);
    }

    private sealed class DerComparer : IEqualityComparer<byte[]>
    {
        public static readonly DerComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
