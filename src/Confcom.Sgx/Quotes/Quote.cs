namespace Confcom.Sgx.Quotes;

/// <summary>
/// A parsed DCAP ECDSA quote (v3, v4 or v5; SGX or TDX). Byte-valued members are views into the buffer given to
/// <see cref="Parse"/>, not copies: keep that buffer unchanged while the quote is in use.
/// </summary>
public sealed class Quote
{
    internal Quote(ReadOnlyMemory<byte> bytes, QuoteHeader header, QuoteBody body, ReadOnlyMemory<byte> signedRegion, EcdsaQuoteSignatureData signature)
    {
        Bytes = bytes;
        Header = header;
        Body = body;
        SignedRegion = signedRegion;
        Signature = signature;
    }

    /// <summary>The quote's exact bytes (padding excluded).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Real quote length: header, (v5 descriptor,) body, <c>signature_data_len</c> and signature data.</summary>
    public int Length => Bytes.Length;

    /// <summary>The quote header.</summary>
    public QuoteHeader Header { get; }

    /// <summary>The report body the quote attests.</summary>
    public QuoteBody Body { get; }

    /// <summary>What the ISV signature covers: v3/v4 <c>[0, 48 + body)</c>, v5 <c>[0, 48 + 6 + body)</c>.</summary>
    public ReadOnlyMemory<byte> SignedRegion { get; }

    /// <summary>Value of the <c>signature_data_len</c> field.</summary>
    public int SignatureDataLength => Length - SignedRegion.Length - QuoteConstants.SignatureDataLengthSize;

    /// <summary>The ECDSA signature.</summary>
    public EcdsaQuoteSignatureData Signature { get; }

    /// <summary>PEM chain (leaf first) when the (nested) certification data is type 5; otherwise null.</summary>
    public string? PckCertificateChainPem => Signature.CertificationData.PckCertificateChainPem;

    /// <summary>Parses a quote; see <see cref="QuoteParser.Parse"/> for padding rules.</summary>
    public static Quote Parse(ReadOnlyMemory<byte> bytes, bool allowZeroPadding = false) => QuoteParser.Parse(bytes, allowZeroPadding);

    /// <summary>A copy of the quote's exact bytes (padding excluded).</summary>
    public byte[] ToArray() => Bytes.ToArray();
}
