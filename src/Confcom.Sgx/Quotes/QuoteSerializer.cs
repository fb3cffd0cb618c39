using System.Buffers.Binary;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// Writes DCAP quotes byte-exact. A quoting enclave first takes <see cref="SignedRegion"/> to sign with its
/// attestation key, then assembles the whole quote with <see cref="Serialize(QuoteHeader, QuoteBody, EcdsaQuoteSignatureData)"/>.
/// The header's version selects the layout: v3 flat signature data; v4 the QE report wrapped in certification data
/// type 6; v5 additionally a body descriptor before the body.
/// </summary>
public static class QuoteSerializer
{
    /// <summary>The bytes the ISV signature covers: header (v5: and body descriptor) and body.</summary>
    public static byte[] SignedRegion(QuoteHeader header, QuoteBody body)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);
        CheckLayout(header, body);
        var bytes = new byte[SignedRegionLength(header.Version, body)];
        WriteSignedRegion(bytes, header, body);
        return bytes;
    }

    /// <summary>Writes the binary form.</summary>
    public static byte[] Serialize(QuoteHeader header, QuoteBody body, EcdsaQuoteSignatureData signatureData)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(signatureData);
        CheckLayout(header, body);
        var signedLength = SignedRegionLength(header.Version, body);
        var signatureLength = signatureData.EncodedLength(header.Version);
        var bytes = new byte[checked(signedLength + QuoteConstants.SignatureDataLengthSize + signatureLength)];
        var span = bytes.AsSpan();
        WriteSignedRegion(span, header, body);
        var position = signedLength;
        position = WriteUInt32(span, position, (uint)signatureLength);
        position = WriteBytes(span, position, signatureData.IsvSignature.Span);
        position = WriteBytes(span, position, signatureData.AttestationPublicKey.Span);
        var qe = signatureData.QeReportCertificationData;
        if (header.Version != QuoteConstants.Version3)
        {
            position = WriteUInt16(span, position, (ushort)CertificationDataType.QeReportCertificationData);
            position = WriteUInt32(span, position, (uint)qe.EncodedLength);
        }
        position = WriteBytes(span, position, qe.QeReport.Bytes);
        position = WriteBytes(span, position, qe.QeReportSignature.Span);
        position = WriteUInt16(span, position, (ushort)qe.AuthenticationData.Length);
        position = WriteBytes(span, position, qe.AuthenticationData.Span);
        position = WriteUInt16(span, position, (ushort)qe.CertificationData.Type);
        position = WriteUInt32(span, position, (uint)qe.CertificationData.Data.Length);
        position = WriteBytes(span, position, qe.CertificationData.Data.Span);
        System.Diagnostics.Debug.Assert(position == bytes.Length, "quote size arithmetic and writer disagree");
        return bytes;
    }

    /// <summary>Writes the binary form.</summary>
    public static byte[] Serialize(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return Serialize(quote.Header, quote.Body, quote.Signature);
    }

    internal static int SignedRegionLength(ushort version, QuoteBody body) =>
        QuoteConstants.HeaderSize + (version == QuoteConstants.Version5 ? QuoteConstants.BodyDescriptorSize : 0) + body.Size;

    private static void WriteSignedRegion(Span<byte> destination, QuoteHeader header, QuoteBody body)
    {
        header.WriteTo(destination);
        var position = QuoteConstants.HeaderSize;
        if (header.Version == QuoteConstants.Version5)
        {
            position = WriteUInt16(destination, position, (ushort)body.Type);
            position = WriteUInt32(destination, position, (uint)body.Size);
        }
        WriteBytes(destination, position, body.Bytes);
    }

    /// <summary>Rejects combinations the parser could not read back (it sizes v3/v4 bodies from version and TEE type).</summary>
    private static void CheckLayout(QuoteHeader header, QuoteBody body)
    {
        var ok = header.Version switch
        {
            QuoteConstants.Version3 => body.Type == QuoteBodyType.SgxReport,
            QuoteConstants.Version4 => (header.TeeType, body.Type) is (TeeType.Sgx, QuoteBodyType.SgxReport) or (TeeType.Tdx, QuoteBodyType.TdReport10),
            QuoteConstants.Version5 => true,
            _ => throw new ArgumentException($"quote version {header.Version} has no known layout; use 3, 4 or 5", nameof(header)),
        };
        if (!ok)
        {
            throw new ArgumentException(
                $"a v{header.Version} quote with tee_type 0x{(uint)header.TeeType:X8} cannot carry a {body.Type} body (v3: SGX only; v4: SGX with tee_type 0, TD 1.0 with 0x81)",
                nameof(body));
        }
    }

    private static int WriteUInt16(Span<byte> destination, int position, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination[position..], value);
        return position + 2;
    }

    private static int WriteUInt32(Span<byte> destination, int position, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination[position..], value);
        return position + 4;
    }

    private static int WriteBytes(Span<byte> destination, int position, ReadOnlySpan<byte> value)
    {
        value.CopyTo(destination[position..]);
        return position + value.Length;
    }
}
