using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Confcom.Sgx.Structures;

namespace Confcom.Simulation.Reports;

/// <summary>
/// The simulated CPU's report key. EREPORT MACs the report body with a key derived from a platform secret and the
/// <em>target</em> enclave's identity, so only the target (via EGETKEY) can check it. Here the platform secret is a
/// 32-byte file in the node's state directory and the derivation is HKDF-SHA256 over the target's MRENCLAVE,
/// attributes, MISCSELECT, CONFIGSVN and CONFIGID; the MAC is AES-128-CMAC as on hardware.
/// </summary>
public sealed class PlatformReportKey
{
    public const int SecretSize = 32;

    private static readonly byte[] KeyIdLabel = Encoding.ASCII.GetBytes("confcom simulated REPORT KEYID");
    private static readonly byte[] ReportKeyLabel = Encoding.ASCII.GetBytes("confcom simulated REPORT KEY");

    private readonly byte[] _secret;

    internal PlatformReportKey(byte[] secret)
    {
        if (secret.Length != SecretSize)
        {
            throw new ArgumentException($"the platform secret must be {SecretSize} bytes, got {secret.Length}", nameof(secret));
        }
        _secret = secret;
        // Hardware reports carry the CPU's current KEYID; a fixed per-platform value plays that role here.
        KeyId = HKDF.Expand(HashAlgorithmName.SHA256, secret, 32, KeyIdLabel);
    }

    internal static PlatformReportKey CreateNew() => new(RandomNumberGenerator.GetBytes(SecretSize));

    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>The key_id written into every report made on this platform.</summary>
    public byte[] KeyId { get; }

    /// <summary>Makes a REPORT: the body, this platform's key id and the MAC keyed for <paramref name="target"/>.</summary>
    public SgxReport Seal(SgxReportBody body, SgxTargetInfo target) =>
        SgxReport.Create(body, KeyId, AesCmac.Compute(DeriveKey(target), body.Bytes));

    /// <summary>
    /// What EGETKEY(REPORT) lets the enclave described by <paramref name="self"/> check: the report was made on this
    /// platform and targeted at that enclave.
    /// </summary>
    public bool Verify(SgxReport report, SgxTargetInfo self) =>
        report.KeyId.SequenceEqual(KeyId) && AesCmac.Verify(DeriveKey(self), report.Body.Bytes, report.Mac);

    private byte[] DeriveKey(SgxTargetInfo target)
    {
        var info = new byte[ReportKeyLabel.Length + 32 + SgxAttributes.Size + 4 + 2 + 64];
        var span = info.AsSpan();
        ReportKeyLabel.CopyTo(span);
        span = span[ReportKeyLabel.Length..];
        target.MrEnclave.CopyTo(span);
        target.Attributes.Write(span[32..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[48..], target.MiscSelect);
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], target.ConfigSvn);
        target.ConfigId.CopyTo(span[54..]);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, 16, KeyId, info);
    }
}
