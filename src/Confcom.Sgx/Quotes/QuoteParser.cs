using Confcom.Sgx.Structures;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// Reads DCAP quotes v3, v4 and v5 (SGX and TDX bodies). Strict by default: every length must match its contents
/// exactly and nothing may follow the signature data. AESM hands quotes back zero-padded to the caller's buffer, so
/// <c>allowZeroPadding</c> accepts trailing zero bytes (and only zero bytes); <see cref="Quote.Length"/> then tells
/// the real length. Any malformation raises <see cref="QuoteFormatException"/> naming field and offset.
/// </summary>
public static class QuoteParser
{
    /// <summary>Parses a quote parser; malformed input throws a <see cref="System.FormatException"/> naming the field.</summary>
    public static Quote Parse(ReadOnlyMemory<byte> bytes, bool allowZeroPadding = false)
    {
        var reader = new QuoteReader(bytes);
        var prefix = ReadPrefix(ref reader);
        var signatureDataOffset = reader.Position;
        var signatureReader = reader.ReadBlock("signature data", prefix.SignatureDataLength, "signature data");
        var signature = ReadSignatureData(ref signatureReader, prefix.Header.Version);
        signatureReader.ExpectEnd("signature_data_len", signatureDataOffset - QuoteConstants.SignatureDataLengthSize);

        var length = reader.Position;
        CheckTrailing(bytes.Span[length..], length, allowZeroPadding);

        var quoteBytes = bytes[..length];
        return new Quote(quoteBytes, prefix.Header, prefix.Body, quoteBytes[..prefix.SignedRegionLength], signature);
    }

    /// <summary>
    /// The quote's real length from its header, body and <c>signature_data_len</c>, without parsing the signature
    /// data. Throws <see cref="QuoteFormatException"/> if that prefix is malformed or the buffer is shorter.
    /// </summary>
    public static int DeclaredLength(ReadOnlyMemory<byte> bytes)
    {
        var reader = new QuoteReader(bytes);
        var prefix = ReadPrefix(ref reader);
        reader.ReadBytes("signature data", prefix.SignatureDataLength);
        return reader.Position;
    }

    /// <summary>
    /// Reads the quote at the start of <paramref name="bytes"/> up to its declared length, as Intel's QVL reads a
    /// buffer; <paramref name="trailingLength"/> bytes after it are left unread (no signature covers them, so a
    /// verifier reports them and never verifies them). Throws <see cref="QuoteFormatException"/> for a malformed quote.
    /// </summary>
    public static Quote ParseLeading(ReadOnlyMemory<byte> bytes, out int trailingLength)
    {
        var length = DeclaredLength(bytes);
        trailingLength = bytes.Length - length;
        return Parse(bytes[..length]);
    }

    /// <summary>
    /// Cuts AESM's zero padding: returns the first <see cref="DeclaredLength"/> bytes. Non-zero bytes after the
    /// quote are not padding and raise <see cref="QuoteFormatException"/>.
    /// </summary>
    public static ReadOnlyMemory<byte> TrimZeroPadding(ReadOnlyMemory<byte> bytes)
    {
        var length = DeclaredLength(bytes);
        CheckTrailing(bytes.Span[length..], length, allowZeroPadding: true);
        return bytes[..length];
    }

    private static Prefix ReadPrefix(ref QuoteReader reader)
    {
        var headerBytes = reader.ReadBytes("header", QuoteConstants.HeaderSize);
        var header = QuoteHeader.Parse(headerBytes.Span);
        var body = header.Version switch
        {
            QuoteConstants.Version3 => QuoteBody.From(ReadSgxBody(ref reader, "report_body")),
            QuoteConstants.Version4 => ReadV4Body(ref reader, header.TeeType),
            QuoteConstants.Version5 => ReadV5Body(ref reader),
            _ => throw new QuoteFormatException("version", QuoteConstants.VersionOffset,
                $"expected 3, 4 or 5, found {header.Version}; the layout of other versions is unknown"),
        };
        var signedRegionLength = reader.Position;
        var signatureDataLength = reader.ReadUInt32("signature_data_len");
        return new Prefix(header, body, signedRegionLength, signatureDataLength);
    }

    private static QuoteBody ReadV4Body(ref QuoteReader reader, TeeType teeType) => teeType switch
    {
        TeeType.Sgx => ReadSgxBody(ref reader, "report_body"),
        TeeType.Tdx => TdReportBody.View(reader.ReadBytes("report_body", QuoteConstants.TdReport10BodySize)),
        _ => throw new QuoteFormatException("tee_type", QuoteConstants.TeeTypeOffset,
            $"expected 0x00000000 (SGX) or 0x00000081 (TDX) to size a v4 body, found 0x{(uint)teeType:X8}"),
    };

    private static QuoteBody ReadV5Body(ref QuoteReader reader)
    {
        var typeOffset = reader.Position;
        var bodyType = (QuoteBodyType)reader.ReadUInt16("body_type");
        var sizeOffset = reader.Position;
        var bodySize = reader.ReadUInt32("body_size");
        if (bodyType is not (QuoteBodyType.SgxReport or QuoteBodyType.TdReport10 or QuoteBodyType.TdReport15))
        {
            throw new QuoteFormatException("body_type", typeOffset,
                $"expected 1 (SGX report), 2 (TD report 1.0) or 3 (TD report 1.5), found {(ushort)bodyType}");
        }
        var expectedSize = QuoteBody.SizeOf(bodyType);
        if (bodySize != expectedSize)
        {
            throw new QuoteFormatException("body_size", sizeOffset,
                $"expected {expectedSize} for body type {bodyType}, found {bodySize}");
        }
        return bodyType == QuoteBodyType.SgxReport
            ? ReadSgxBody(ref reader, "body")
            : TdReportBody.View(reader.ReadBytes("body", expectedSize));
    }

    private static SgxReportBody ReadSgxBody(ref QuoteReader reader, string field) =>
        SgxReportBody.Parse(reader.ReadBytes(field, SgxReportBody.Size).Span);

    private static EcdsaQuoteSignatureData ReadSignatureData(ref QuoteReader reader, ushort version)
    {
        var isvSignature = reader.ReadBytes("isv_report_signature", QuoteConstants.EcdsaSignatureSize);
        var attestationKey = reader.ReadBytes("ecdsa_attestation_key", QuoteConstants.EcdsaPublicKeySize);
        if (version == QuoteConstants.Version3)
        {
            return new EcdsaQuoteSignatureData(isvSignature, attestationKey, ReadQeReportCertificationData(ref reader));
        }

        var typeOffset = reader.Position;
        var outerType = reader.ReadUInt16("certification_data_type");
        if (outerType != (ushort)CertificationDataType.QeReportCertificationData)
        {
            throw new QuoteFormatException("certification_data_type", typeOffset,
                $"v{version} quotes wrap the QE report in certification data type 6, found type {outerType}");
        }
        var sizeOffset = reader.Position;
        var outerSize = reader.ReadUInt32("certification_data_size");
        var outer = reader.ReadBlock("certification_data", outerSize, "QE report certification data (type 6)");
        var qe = ReadQeReportCertificationData(ref outer);
        outer.ExpectEnd("certification_data_size", sizeOffset);
        return new EcdsaQuoteSignatureData(isvSignature, attestationKey, qe);
    }

    private static QeReportCertificationData ReadQeReportCertificationData(ref QuoteReader reader)
    {
        var qeReport = ReadSgxBody(ref reader, "qe_report");
        var qeReportSignature = reader.ReadBytes("qe_report_signature", QuoteConstants.EcdsaSignatureSize);
        var authSize = reader.ReadUInt16("qe_auth_data_size");
        var auth = reader.ReadBytes("qe_auth_data", authSize);
        var certType = (CertificationDataType)reader.ReadUInt16("cert_data_type");
        var certSize = reader.ReadUInt32("cert_data_size");
        var certData = reader.ReadBytes("cert_data", certSize);
        return new QeReportCertificationData(qeReport, qeReportSignature, auth, new CertificationData(certType, certData));
    }

    private static void CheckTrailing(ReadOnlySpan<byte> trailing, int quoteLength, bool allowZeroPadding)
    {
        if (trailing.IsEmpty)
        {
            return;
        }
        if (!allowZeroPadding)
        {
            throw new QuoteFormatException("(after signature data)", quoteLength,
                $"expected the quote to end here, found {trailing.Length} more bytes; if they are AESM's zero padding, parse with allowZeroPadding or trim with QuoteParser.TrimZeroPadding");
        }
        var firstNonZero = trailing.IndexOfAnyExcept((byte)0);
        if (firstNonZero >= 0)
        {
            throw new QuoteFormatException("(after signature data)", quoteLength + firstNonZero,
                $"expected only zero padding after the quote (which ends at offset {quoteLength}), found 0x{trailing[firstNonZero]:X2}");
        }
    }

    private readonly record struct Prefix(QuoteHeader Header, QuoteBody Body, int SignedRegionLength, uint SignatureDataLength);
}
