using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Attestation.Verification;

/// <summary>
/// The root every chain must end in, pinned by public key as QvE does (<c>INTEL_ROOT_PUB_KEY</c> in
/// DCAP <c>QuoteVerification/QvE/Enclave/qve.cpp</c>): the self-signed root certificate at the end of a chain must
/// carry exactly this key. Create it once and share it: it holds the imported key.
/// </summary>
public sealed class TrustAnchor
{
    /// <summary>Far above any certificate (a few KiB); stops a wrong path or a device from being read whole.</summary>
    private const int MaxFileBytes = 1024 * 1024;

    private readonly byte[] _publicKey;
    private readonly Lazy<ECDsa> _key;

    private TrustAnchor(byte[] uncompressedPublicKey, string description)
    {
        if (uncompressedPublicKey is not { Length: 65 } || uncompressedPublicKey[0] != 0x04)
        {
            throw new ArgumentException($"{description}: the root key is not an uncompressed P-256 point (Intel's roots are P-256)", nameof(uncompressedPublicKey));
        }
        _publicKey = uncompressedPublicKey;
        Description = description;
        _key = new Lazy<ECDsa>(() => ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = _publicKey[1..33], Y = _publicKey[33..] },
        }));
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

    /// <summary>The anchor's key, imported once per anchor: it verifies the root's self-signature and what the root signs.</summary>
    internal ECDsa Key => _key.Value;

    /// <summary>Trusts the key of the given root certificate (a simulated root, Intel's test root).</summary>
    public static TrustAnchor FromCertificate(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new(root.PublicKey.EncodedKeyValue.RawData, $"'{root.Subject}' (key of the trusted root certificate)");
    }

    /// <summary>
    /// Reads the trusted root certificate from a file in PEM (the first certificate) or DER, as Intel publishes
    /// its root (<c>IntelSGXRootCA.der</c>). Errors are <see cref="ArgumentException"/>s naming the file and the cause.
    /// </summary>
    public static TrustAnchor FromFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = BoundedInput.ReadAllBytes(path, MaxFileBytes, "a root certificate (PEM or DER)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"trusted root {path}: cannot read the file ({ex.Message})", nameof(path), ex);
        }
        try
        {
            using var root = LooksLikePem(bytes)
                ? X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(bytes))
                : X509CertificateLoader.LoadCertificate(bytes);
            return FromCertificate(root);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"trusted root {path}: neither a PEM nor a DER X.509 certificate ({ex.Message})", nameof(path), ex);
        }
        catch (ArgumentException ex) when (ex.ParamName == "uncompressedPublicKey")
        {
            throw new ArgumentException($"trusted root {path}: {ex.Message}", nameof(path), ex);
        }
    }

    /// <summary>Whether <paramref name="root"/> carries this anchor's public key.</summary>
    public bool Matches(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(_publicKey);
    }

    internal bool Matches(ReadOnlySpan<byte> uncompressedPoint) => uncompressedPoint.SequenceEqual(_publicKey);

    /// <summary>A short stable key for caches.</summary>
    internal string CacheKey => Convert.ToHexString(_publicKey);

    private static bool LooksLikePem(ReadOnlySpan<byte> bytes) => bytes.TrimStart(" \t\r\n"u8).StartsWith("-----BEGIN"u8);
}
