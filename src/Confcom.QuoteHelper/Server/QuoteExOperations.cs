using System.Buffers.Binary;
using Confcom.Aesm.Protocol.Messages;
using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;
using Google.Protobuf;
using static Confcom.Aesm.Protocol.Messages.Request.Types;
using static Confcom.Aesm.Protocol.Messages.Response.Types;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// The six quote_ex calls with aesmd's checks and results (spec aesm-dcap.md §1.5; LSGX
/// <c>quote_ex_service_bundle.cpp</c> and the ECDSA bundle). Failures that AESM reports as an error code are
/// thrown as <see cref="QuotingEnclaveException"/>; the dispatcher turns them into a typed error reply.
/// </summary>
internal sealed class QuoteExOperations
{
    /// <summary><c>SGX_MAX_ATT_KEY_IDS</c>.</summary>
    private const int MaxAttKeyIdsInList = 10;

    /// <summary><c>sizeof(sgx_ql_att_key_id_list_header_t)</c>: u16 id, u16 version, u32 num_att_ids.</summary>
    private const int KeyIdListHeaderSize = 8;

    /// <summary>ECDSA_ID = SHA-256 of the attestation key and auth data; InitQuoteEx always reports this size.</summary>
    private const int PublicKeyIdSize = 32;

    private readonly IQuotingEnclave _enclave;
    private readonly QuoteHelperOptions _options;
    private readonly SemaphoreSlim _quoteSlots;

    public QuoteExOperations(IQuotingEnclave enclave, QuoteHelperOptions options)
    {
        _enclave = enclave;
        _options = options;
        var slots = enclave.SupportsConcurrentQuotes ? options.MaxConcurrentQuotes : 1;
        _quoteSlots = new SemaphoreSlim(slots, slots);
    }

    public SelectAttKeyIDResponse SelectAttKeyId(SelectAttKeyIDRequest request)
    {
        if (request.HasAttKeyIdList)
        {
            var list = request.AttKeyIdList.Span;
            if (list.Length < KeyIdListHeaderSize)
            {
                throw Parameter($"att_key_id_list is {list.Length} bytes, shorter than its 8-byte header");
            }
            var id = BinaryPrimitives.ReadUInt16LittleEndian(list);
            var version = BinaryPrimitives.ReadUInt16LittleEndian(list[2..]);
            var count = BinaryPrimitives.ReadUInt32LittleEndian(list[4..]);
            if (id != 0 || version != 0)
            {
                throw Parameter($"att_key_id_list header has id {id} and version {version}; both must be 0");
            }
            if (count == 0 || count > MaxAttKeyIdsInList)
            {
                throw Parameter($"att_key_id_list holds {count} key ids; 1 to {MaxAttKeyIdsInList} are allowed");
            }
            if (list.Length != KeyIdListHeaderSize + (SgxAttestationKeyId.Size * (int)count))
            {
                throw Parameter($"att_key_id_list is {list.Length} bytes; {count} key ids need exactly {KeyIdListHeaderSize + (SgxAttestationKeyId.Size * (int)count)}");
            }
            var anyMatch = false;
            for (var i = 0; i < count && !anyMatch; i++)
            {
                anyMatch = _enclave.AttestationKeyId.Matches(list.Slice(KeyIdListHeaderSize + (i * SgxAttestationKeyId.Size), SgxAttestationKeyId.Size));
            }
            if (!anyMatch)
            {
                throw new QuotingEnclaveException(AesmError.UnsupportedAttKeyId, "none of the requested attestation key ids is supported (this service offers ECDSA P-256 QE3 only)");
            }
        }
        // With one supported key, "absent list" and "list containing it" both select it.
        return new SelectAttKeyIDResponse { ErrorCode = 0, SelectedAttKeyId = ByteString.CopyFrom(_enclave.AttestationKeyId.Bytes) };
    }

    public async ValueTask<InitQuoteExResponse> InitQuoteExAsync(InitQuoteExRequest request, CancellationToken cancellationToken)
    {
        RequireInitialized(request);
        CheckKeyId(request.HasAttKeyId, request.AttKeyId);
        // buf_size only matters when the caller wants the key id: DCAP's wrapper sends an uninitialised size in
        // its first call (b_pub_key_id = false), so it is ignored there.
        if (request.BPubKeyId && (!request.HasBufSize || request.BufSize < PublicKeyIdSize))
        {
            throw Parameter($"b_pub_key_id is set but buf_size is {(request.HasBufSize ? request.BufSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : "absent")}; the key id needs {PublicKeyIdSize} bytes");
        }
        var target = await _enclave.InitAsync(cancellationToken).ConfigureAwait(false);
        if (target.PublicKeyId.Length != PublicKeyIdSize)
        {
            throw new QuotingEnclaveException(AesmError.UnexpectedError, $"backend '{_enclave.Name}' returned a {target.PublicKeyId.Length}-byte public key id; expected {PublicKeyIdSize}");
        }
        var response = new InitQuoteExResponse
        {
            ErrorCode = 0,
            TargetInfo = ByteString.CopyFrom(target.TargetInfo.Bytes),
            PubKeyIdSize = PublicKeyIdSize,
        };
        if (request.BPubKeyId)
        {
            // Exactly 32 bytes (not buf_size as aesmd does): Intel's client copies it only when its length equals
            // pub_key_id_size.
            response.PubKeyId = ByteString.CopyFrom(target.PublicKeyId);
        }
        return response;
    }

    public async ValueTask<GetQuoteSizeExResponse> GetQuoteSizeExAsync(GetQuoteSizeExRequest request, CancellationToken cancellationToken)
    {
        CheckKeyId(request.HasAttKeyId, request.AttKeyId);
        var size = await _enclave.GetQuoteSizeAsync(cancellationToken).ConfigureAwait(false);
        return new GetQuoteSizeExResponse { ErrorCode = 0, QuoteSize = size };
    }

    public async ValueTask<GetQuoteExResponse> GetQuoteExAsync(GetQuoteExRequest request, CancellationToken cancellationToken)
    {
        RequireInitialized(request);
        if (request.Report.Length != SgxReport.Size)
        {
            throw Parameter($"report is {request.Report.Length} bytes; sgx_report_t is {SgxReport.Size}");
        }
        CheckKeyId(request.HasAttKeyId, request.AttKeyId);
        if (request.HasQeReportInfo && request.QeReportInfo.Length != SgxQeReportInfo.Size)
        {
            throw Parameter($"qe_report_info is {request.QeReportInfo.Length} bytes; sgx_qe_report_info_t is {SgxQeReportInfo.Size}");
        }
        if (request.BufSize > _options.MaxQuoteBufferBytes)
        {
            throw new QuotingEnclaveException(AesmError.OutOfMemoryError, $"buf_size {request.BufSize} exceeds this service's limit of {_options.MaxQuoteBufferBytes} bytes (--max-quote-buffer)");
        }
        var quoteSize = await _enclave.GetQuoteSizeAsync(cancellationToken).ConfigureAwait(false);
        if (request.BufSize < quoteSize)
        {
            // QE3 rejects a too-small buffer with SGX_QL_ERROR_INVALID_PARAMETER, which the ECDSA bundle maps to
            // AESM_PARAMETER_ERROR; checking first saves a signature.
            throw Parameter($"buf_size {request.BufSize} is smaller than the quote ({quoteSize} bytes); call GetQuoteSizeEx first");
        }
        var report = SgxReport.Parse(request.Report.Span);
        var info = request.HasQeReportInfo ? SgxQeReportInfo.Parse(request.QeReportInfo.Span) : null;

        await _quoteSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        GeneratedQuote generated;
        try
        {
            generated = await _enclave.GetQuoteAsync(report, info, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _quoteSlots.Release();
        }
        if (generated.Quote.Length > request.BufSize)
        {
            throw Parameter($"backend '{_enclave.Name}' produced a {generated.Quote.Length}-byte quote but buf_size is {request.BufSize}");
        }
        // aesmd hands back its whole zeroed buf_size buffer with the quote at the start; clients trim it.
        var padded = new byte[request.BufSize];
        generated.Quote.CopyTo(padded, 0);
        // The buffer is ours alone and never changes again, so it can back the ByteString without another copy.
        var response = new GetQuoteExResponse { ErrorCode = 0, Quote = UnsafeByteOperations.UnsafeWrap(padded) };
        if (info is not null)
        {
            var filled = generated.QeReportInfo
                ?? throw new QuotingEnclaveException(AesmError.UnableToGenerateQeReport, $"backend '{_enclave.Name}' returned no QE report although qe_report_info was given");
            response.QeReportInfo = ByteString.CopyFrom(filled.ToArray());
        }
        return response;
    }

    public GetSupportedAttKeyIDNumResponse GetSupportedAttKeyIdNum() =>
        new() { ErrorCode = 0, AttKeyIdNum = 1 };

    public GetSupportedAttKeyIDsResponse GetSupportedAttKeyIds(GetSupportedAttKeyIDsRequest request)
    {
        RequireInitialized(request);
        if (request.BufSize != SgxAttestationKeyId.Size)
        {
            throw Parameter($"buf_size is {request.BufSize}; one supported key id needs exactly {SgxAttestationKeyId.Size}");
        }
        return new GetSupportedAttKeyIDsResponse { ErrorCode = 0, AttKeyIds = ByteString.CopyFrom(_enclave.AttestationKeyId.Bytes) };
    }

    private void CheckKeyId(bool present, ByteString keyId)
    {
        if (!present || keyId.Length != SgxAttestationKeyId.Size)
        {
            throw Parameter(present ? $"att_key_id is {keyId.Length} bytes; sgx_att_key_id_t is {SgxAttestationKeyId.Size}" : "att_key_id is missing");
        }
        if (!_enclave.AttestationKeyId.Matches(keyId.Span))
        {
            throw new QuotingEnclaveException(AesmError.UnsupportedAttKeyId, "att_key_id is not the ECDSA P-256 QE3 key this service offers");
        }
    }

    private static void RequireInitialized(IMessage message)
    {
        if (!message.IsInitialized())
        {
            // AESM's handlers check IsInitialized() first and answer AESM_UNEXPECTED_ERROR.
            throw new QuotingEnclaveException(AesmError.UnexpectedError, $"{message.Descriptor.Name} lacks a required field");
        }
    }

    private static QuotingEnclaveException Parameter(string message) => new(AesmError.ParameterError, message);
}
