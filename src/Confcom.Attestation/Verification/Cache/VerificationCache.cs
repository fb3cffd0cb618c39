using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Confcom.Attestation.Verification.Pki;
using Confcom.Attestation.Verification.Steps;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Cache;

/// <summary>
/// What a verifier remembers between verifications, apart from the checks that compute it: verified collateral and
/// PCK chains keyed by their content (SHA-256) and reused while the verification time stays in the window where
/// nothing they contain starts or stops being valid; parsed certificates (with their imported keys and signature
/// checks) and CRLs by content. Bounded: when a map is full it starts over, which costs one re-verification.
/// </summary>
internal sealed class VerificationCache(TrustAnchor anchor, int capacity = 256)
{
    private readonly ConcurrentDictionary<string, VerifiedCollateral> _collateral = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerifiedPckChain> _chains = new(StringComparer.Ordinal);
    private readonly CertificatePool _certificates = new(capacity);
    private readonly CrlCache _crls = new();

    // Hashing a bundle costs ~20 KB of SHA-256; the same instance is usually passed again and again.
    private readonly ConditionalWeakTable<QuoteCollateral, string> _hashes = new();

    private int _rebuilds;

    public int Rebuilds => _rebuilds;

    public (VerifiedCollateral Collateral, string Key) GetCollateral(QuoteCollateral collateral, DateTimeOffset at)
    {
        var key = _hashes.GetValue(collateral, static c => Convert.ToHexString(ContentHash(c)));
        if (_collateral.TryGetValue(key, out var cached) && cached.Window.Contains(at))
        {
            return (cached, key);
        }
        Interlocked.Increment(ref _rebuilds);
        var verified = CollateralStep.Verify(collateral, anchor, _certificates, _crls, at);
        Store(_collateral, key, verified);
        return (verified, key);
    }

    public VerifiedPckChain GetPckChain(string pem, VerifiedCollateral collateral, string collateralKey, DateTimeOffset at)
    {
        var key = HashText(pem) + collateralKey;
        if (_chains.TryGetValue(key, out var cached) && cached.Window.Contains(at))
        {
            return cached;
        }
        Interlocked.Increment(ref _rebuilds);
        var verified = PckChainStep.Verify(pem, collateral, anchor, _certificates, at);
        Store(_chains, key, verified);
        return verified;
    }

    /// <summary>SHA-256 over every field, the identity of a bundle for the cache.</summary>
    public static byte[] ContentHash(QuoteCollateral c)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(ReadOnlySpan<byte> bytes)
        {
            Span<byte> length = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
        void AddText(string? text) => Add(text is null ? [0xFF] : Encoding.UTF8.GetBytes(text));
        AddText(c.PckCrlIssuerChain);
        Add(c.RootCaCrl);
        Add(c.PckCrl);
        AddText(c.TcbInfoIssuerChain);
        AddText(c.TcbInfo);
        Add(c.TcbInfoSignature);
        AddText(c.QeIdentityIssuerChain);
        AddText(c.QeIdentity);
        Add(c.QeIdentitySignature);
        AddText(c.PckCertificateChain);
        return hash.GetHashAndReset();
    }

    private static string HashText(string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = length <= 16 * 1024 ? stackalloc byte[length] : new byte[length];
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(buffer[..Encoding.UTF8.GetBytes(text, buffer)], digest);
        return Convert.ToHexString(digest);
    }

    private void Store<T>(ConcurrentDictionary<string, T> map, string key, T value)
    {
        if (map.Count >= capacity)
        {
            map.Clear();
        }
        map[key] = value;
    }
}
