using System.Diagnostics;
using Confcom.Aesm.Protocol;
using Confcom.Aesm.Protocol.Messages;
using Confcom.Aesm.Quoting;
using Confcom.Sgx;
using Microsoft.Extensions.Logging;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// Turns one AESM <see cref="Request"/> into the <see cref="Response"/> of the matching type, as aesmd does:
/// quote_ex calls are served by the backend; the legacy EPID and launch-token calls are recognised and answered
/// AESM_SERVICE_UNAVAILABLE (this service hosts no EPID QE and no launch enclave); a request with no recognised
/// sub-message gets no response at all (null), and the caller closes the connection.
/// </summary>
internal sealed partial class AesmRequestDispatcher
{
    private readonly QuoteExOperations _quoteEx;
    private readonly QuoteHelperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _backend;

    public AesmRequestDispatcher(IQuotingEnclave enclave, QuoteHelperOptions options, QuoteHelperMetrics metrics, ILogger<AesmRequestDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(enclave);
        ArgumentNullException.ThrowIfNull(options);
        _quoteEx = new QuoteExOperations(enclave, options);
        _metrics = metrics;
        _logger = logger;
        _backend = enclave.Name;
    }

    /// <summary>The reply to send, or null when the request carries no recognised sub-message.</summary>
    public async ValueTask<Response?> DispatchAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = AesmMessageCodec.Classify(request);
        if (kind == AesmRequestKind.None)
        {
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        Response response;
        AesmError result;
        try
        {
            response = await ServeAsync(kind, request, cancellationToken).ConfigureAwait(false);
            result = AesmError.Success;
        }
        catch (QuotingEnclaveException e)
        {
            result = e.Error;
            LogRequestFailed(kind, (uint)e.Error, e.Error, _backend, e.Message, e.InnerException);
            response = ErrorReply(kind, request, e.Error);
        }
        catch (SgxFormatException e)
        {
            result = AesmError.ParameterError;
            LogRequestFailed(kind, (uint)result, result, _backend, e.Message, null);
            response = ErrorReply(kind, request, result);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A backend bug must cost one request, never the daemon.
            result = AesmError.UnexpectedError;
            LogBackendCrashed(e, kind, _backend);
            response = ErrorReply(kind, request, result);
        }
        _metrics.RecordRequest(kind, result);
        if (kind == AesmRequestKind.GetQuoteEx && result == AesmError.Success)
        {
            _metrics.RecordQuoteLatency(Stopwatch.GetElapsedTime(started));
        }
        return response;
    }

    private async ValueTask<Response> ServeAsync(AesmRequestKind kind, Request request, CancellationToken ct) => kind switch
    {
        AesmRequestKind.InitQuoteEx => new Response { InitQuoteExRes = await _quoteEx.InitQuoteExAsync(request.InitQuoteExReq, ct).ConfigureAwait(false) },
        AesmRequestKind.GetQuoteSizeEx => new Response { GetQuoteSizeExRes = await _quoteEx.GetQuoteSizeExAsync(request.GetQuoteSizeExReq, ct).ConfigureAwait(false) },
        AesmRequestKind.GetQuoteEx => new Response { GetQuoteExRes = await _quoteEx.GetQuoteExAsync(request.GetQuoteExReq, ct).ConfigureAwait(false) },
        AesmRequestKind.SelectAttKeyId => new Response { SelectAttKeyIDRes = _quoteEx.SelectAttKeyId(request.SelectAttKeyIDReq) },
        AesmRequestKind.GetSupportedAttKeyIdNum => new Response { GetSupportedAttKeyIDNumRes = _quoteEx.GetSupportedAttKeyIdNum() },
        AesmRequestKind.GetSupportedAttKeyIds => new Response { GetSupportedAttKeyIDsRes = _quoteEx.GetSupportedAttKeyIds(request.GetSupportedAttKeyIDsReq) },
        _ => throw new QuotingEnclaveException(AesmError.ServiceUnavailable,
            $"{kind} is an EPID or launch-token call; this service provides DCAP ECDSA quoting only"),
    };

    private static Response ErrorReply(AesmRequestKind kind, Request request, AesmError error)
    {
        var response = AesmMessageCodec.ErrorResponse(kind, (uint)error);
        // aesmd hands the caller's qe_report_info back unchanged on error; the client accepts up to 960 bytes.
        if (kind == AesmRequestKind.GetQuoteEx && request.GetQuoteExReq.HasQeReportInfo
            && request.GetQuoteExReq.QeReportInfo.Length == Sgx.Structures.SgxQeReportInfo.Size)
        {
            response.GetQuoteExRes.QeReportInfo = request.GetQuoteExReq.QeReportInfo;
        }
        return response;
    }
}
