using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Confcom.Attestation.Collateral;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Cache;

/// <summary>
/// Verified collateral and PCK chains keyed by their content (SHA-256) and reused while the verification time stays
/// in the window where nothing they contain starts or stops being valid. Bounded: when full it starts over, which
/// costs one re-verification per bundle.
/// </summary>
internal sealed class VerificationCache(TrustAnchor anchor, int capacity = 256)
{
    private readonly ConcurrentDictionary<string, VerifiedCollateral> _collateral = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerifiedPckChain> _chains = new(StringComparer.Ordinal);
    private readonly ChainCache _validatedChains = new(anchor, capacity);
    private readonly CrlCache _crls = new();

    // Hashing a bundle costs ~20 KB of SHA-256; the same instance is usually passed again and again.
    private readonly ConditionalWeakTable<QuoteCollateral, string> _hashes = new();
    private readonly ConditionalWeakTable<string, string> _pemHashes = new();

    public int Rebuilds => _rebuilds;

    private int _rebuilds;

    public (VerifiedCollateral Collateral, string Key) GetCollateral(QuoteCollateral collateral, DateTimeOffset at)
    {
        var key = _hashes.GetValue(collateral, static c => Convert.ToHexString(CollateralChecks.ContentHash(c)));
        if (_collateral.TryGetValue(key, out var cached) && cached.Window.Contains(at))
        {
            return (cached, key);
        }
        Interlocked.Increment(ref _rebuilds);
        var verified = CollateralChecks.Verify(collateral, anchor, _validatedChains, _crls, at);
        Store(_collateral, key, verified);
        return (verified, key);
    }

    public VerifiedPckChain GetPckChain(string pem, VerifiedCollateral collateral, string collateralKey, DateTimeOffset at)
    {
        var pemKey = _pemHashes.GetValue(pem, static p =>
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(p))));
        var key = pemKey + collateralKey;
        if (_chains.TryGetValue(key, out var cached) && cached.Window.Contains(at))
        {
            return cached;
        }
        Interlocked.Increment(ref _rebuilds);
        var verified = PckChainChecks.Verify(pem, collateral, _validatedChains, at);
        Store(_chains, key, verified);
        return verified;
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
