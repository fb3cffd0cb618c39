using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Confcom.Attestation.Verification.Pki;

namespace Confcom.Attestation.Verification.Cache;

/// <summary>
/// Validated issuer chains by PEM content and validity window. Chains change far less often than TCB Info or CRLs,
/// so a new collateral bundle usually reuses the chains of the previous one.
/// </summary>
internal sealed class ChainCache(TrustAnchor anchor, int capacity = 256)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ValidatedChain Validate(string pem, string name, VerificationCheck check, string leafCnMustContain, DateTimeOffset at)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(pem))) + "|" + name;
        if (_entries.TryGetValue(key, out var cached) && cached.Window.Contains(at))
        {
            return cached.Chain ?? throw cached.Failure!;
        }
        Entry entry;
        try
        {
            var chain = CertificateChainValidator.Validate(PemCertificateChain.Parse(pem, name), anchor, at, name, check, leafCnMustContain);
            entry = new Entry(ValidityWindow.Around(chain.Validity, at), chain, null);
        }
        catch (VerificationFailure failure)
        {
            entry = new Entry(new ValidityWindow(at, at.AddTicks(1)), null, failure);
        }
        catch (FormatException ex)
        {
            entry = new Entry(new ValidityWindow(at, at.AddTicks(1)), null, VerificationFailure.Unspecified(check, ex.Message));
        }
        catch (CryptographicException ex)
        {
            // OpenSSL refuses some malformed certificates only while building (e.g. an unreadable public key).
            entry = new Entry(new ValidityWindow(at, at.AddTicks(1)), null, VerificationFailure.Unspecified(check, $"{name}: {ex.Message}"));
        }
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
        _entries[key] = entry;
        return entry.Chain ?? throw entry.Failure!;
    }

    private sealed record Entry(ValidityWindow Window, ValidatedChain? Chain, VerificationFailure? Failure);
}
