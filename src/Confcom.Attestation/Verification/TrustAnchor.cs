using System.Security.Cryptography.X509Certificates;

namespace Confcom.Attestation.Verification;

/// <summary>
/// The root every chain must end in, pinned by public key as QvE does (<c>INTEL_ROOT_PUB_KEY</c> in
/// DCAP <c>QuoteVerification/QvE/Enclave/qve.cpp</c>): the self-signed root certificate at the end of a chain must
/// carry exactly this key.
/// </summary>
public sealed class TrustAnchor
{
    private readonly byte[] _publicKey;

    private TrustAnchor(byte[] uncompressedPublicKey, string description)
    {
        _publicKey = uncompressedPublicKey;
        Description = description;
    }

    /// <summary>The real Intel SGX Root CA (P-256, uncompressed point).</summary>
    public static TrustAnchor IntelSgxRootCa { get; } = new(
        Convert.FromHexString(
            "040ba9c4c0c0c86193a3fe23d6b02cda10a8bbd4e88e48b4458561a36e705525f567918e2edc88e40d860bd0cc4ee26aacc988e505a953558c453f6b0904ae7394"),
        "Intel SGX Root CA (pinned public key)");

    /// <summary>What the anchor is, for messages.</summary>
    public string Description { get; }

    /// <summary>The uncompressed EC point (0x04 ‖ X ‖ Y) a root must carry.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>Trusts the key of the given root certificate (a simulated root, Intel's test root).</summary>
    public static TrustAnchor FromCertificate(X509Certificate2 root) =>
        new(root.PublicKey.EncodedKeyValue.RawData, $"'{root.Subject}' (key of the trusted root certificate)");

    /// <summary>Reads the first certificate of a PEM file as the trusted root.</summary>
    public static TrustAnchor FromPemFile(string path)
    {
        string pem;
        try
        {
            pem = BoundedInput.ReadAllText(path, 1024 * 1024, "a PEM root certificate");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"trusted root {path}: cannot read the file ({ex.Message})", nameof(path), ex);
        }
        try
        {
            using var root = X509Certificate2.CreateFromPem(pem);
            return FromCertificate(root);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ArgumentException($"trusted root {path}: not a PEM certificate ({ex.Message})", nameof(path), ex);
        }
    }

    public bool Matches(X509Certificate2 root) => root.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(_publicKey);

    /// <summary>A short stable key for caches.</summary>
    internal string CacheKey => Convert.ToHexString(_publicKey);
}
