using System.Net.Sockets;
using Confcom.Aesm.Client.Results;
using Confcom.Aesm.Protocol;
using Confcom.Aesm.Protocol.Messages;
using Google.Protobuf;
using static Confcom.Aesm.Protocol.Messages.Request.Types;

namespace Confcom.Aesm.Client;

/// <summary>
/// Low-level client of the AESM socket protocol, byte-compatible with Intel's <c>libsgx_quote_ex</c>: one
/// connection per call, 4-byte little-endian length + proto2 <c>aesm.message.Request</c>, the call timeout sent
/// in the request's <c>timeout</c> field in milliseconds. AESM error codes are returned in each result's
/// <c>ErrorCode</c> (0 = success); only transport failures throw <see cref="AesmTransportException"/>.
/// Thread-safe: calls share no state.
/// </summary>
public sealed class AesmClient
{
    /// <summary>Intel's <c>IPC_LATENCY</c> for every quote_ex call (release builds).</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Replies are small except quotes padded to buf_size; anything beyond this is not an AESM reply.</summary>
    private const int MaxReplyBytes = 64 * 1024 * 1024;

    private readonly uint _timeoutMilliseconds;

    /// <summary>Creates an AESM client.</summary>
    public AesmClient(string socketPath, TimeSpan? callTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        var timeout = callTimeout ?? DefaultCallTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(callTimeout));
        SocketPath = socketPath;
        CallTimeout = timeout;
        _timeoutMilliseconds = (uint)Math.Min(uint.MaxValue, timeout.TotalMilliseconds);
    }

    /// <summary>The socket path.</summary>
    public string SocketPath { get; }

    /// <summary>The call timeout.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary>
    /// InitQuoteEx. Call it with <paramref name="wantPubKeyId"/> false to get the target info and the key id size,
    /// then with true and <paramref name="bufSize"/> = that size (32) to get the key id, as DCAP does.
    /// </summary>
    public async Task<AesmInitQuoteExResult> InitQuoteExAsync(ReadOnlyMemory<byte> attKeyId, bool wantPubKeyId, ulong? bufSize, CancellationToken cancellationToken = default)
    {
        var body = new InitQuoteExRequest { AttKeyId = ByteString.CopyFrom(attKeyId.Span), BPubKeyId = wantPubKeyId, Timeout = _timeoutMilliseconds };
        if (bufSize is { } size)
        {
            body.BufSize = size;
        }
        var reply = await CallAsync(new Request { InitQuoteExReq = body }, r => r.InitQuoteExRes, cancellationToken).ConfigureAwait(false);
        return new AesmInitQuoteExResult(reply.ErrorCode,
            reply.HasTargetInfo ? reply.TargetInfo.ToByteArray() : null,
            reply.HasPubKeyIdSize ? reply.PubKeyIdSize : null,
            reply.HasPubKeyId ? reply.PubKeyId.ToByteArray() : null);
    }

    /// <summary>Get quote size ex async.</summary>
    public async Task<AesmQuoteSizeResult> GetQuoteSizeExAsync(ReadOnlyMemory<byte> attKeyId, CancellationToken cancellationToken = default)
    {
        var body = new GetQuoteSizeExRequest { AttKeyId = ByteString.CopyFrom(attKeyId.Span), Timeout = _timeoutMilliseconds };
        var reply = await CallAsync(new Request { GetQuoteSizeExReq = body }, r => r.GetQuoteSizeExRes, cancellationToken).ConfigureAwait(false);
        return new AesmQuoteSizeResult(reply.ErrorCode, reply.HasQuoteSize ? reply.QuoteSize : null);
    }

    /// <summary>GetQuoteEx for a 432-byte <c>sgx_report_t</c>; <paramref name="qeReportInfo"/> is the optional 960-byte <c>sgx_qe_report_info_t</c>.</summary>
    public async Task<AesmQuoteResult> GetQuoteExAsync(ReadOnlyMemory<byte> report, ReadOnlyMemory<byte> attKeyId, ReadOnlyMemory<byte>? qeReportInfo, uint bufSize, CancellationToken cancellationToken = default)
    {
        var body = new GetQuoteExRequest
        {
            Report = ByteString.CopyFrom(report.Span),
            AttKeyId = ByteString.CopyFrom(attKeyId.Span),
            BufSize = bufSize,
            Timeout = _timeoutMilliseconds,
        };
        if (qeReportInfo is { } info)
        {
            body.QeReportInfo = ByteString.CopyFrom(info.Span);
        }
        var reply = await CallAsync(new Request { GetQuoteExReq = body }, r => r.GetQuoteExRes, cancellationToken).ConfigureAwait(false);
        return new AesmQuoteResult(reply.ErrorCode,
            reply.HasQuote ? reply.Quote.ToByteArray() : null,
            reply.HasQeReportInfo ? reply.QeReportInfo.ToByteArray() : null);
    }

    /// <summary>SelectAttKeyID; a null list (sent as an absent field) means "any supported key".</summary>
    public async Task<AesmSelectAttKeyIdResult> SelectAttKeyIdAsync(ReadOnlyMemory<byte>? attKeyIdList, CancellationToken cancellationToken = default)
    {
        var body = new SelectAttKeyIDRequest { Timeout = _timeoutMilliseconds };
        if (attKeyIdList is { } list)
        {
            body.AttKeyIdList = ByteString.CopyFrom(list.Span);
        }
        var reply = await CallAsync(new Request { SelectAttKeyIDReq = body }, r => r.SelectAttKeyIDRes, cancellationToken).ConfigureAwait(false);
        return new AesmSelectAttKeyIdResult(reply.ErrorCode, reply.HasSelectedAttKeyId ? reply.SelectedAttKeyId.ToByteArray() : null);
    }

    /// <summary>Get supported att key ID num async.</summary>
    public async Task<AesmSupportedKeyIdNumResult> GetSupportedAttKeyIdNumAsync(CancellationToken cancellationToken = default)
    {
        var body = new GetSupportedAttKeyIDNumRequest { Timeout = _timeoutMilliseconds };
        var reply = await CallAsync(new Request { GetSupportedAttKeyIDNumReq = body }, r => r.GetSupportedAttKeyIDNumRes, cancellationToken).ConfigureAwait(false);
        return new AesmSupportedKeyIdNumResult(reply.ErrorCode, reply.HasAttKeyIdNum ? reply.AttKeyIdNum : null);
    }

    /// <summary>GetSupportedAttKeyIDs; <paramref name="bufSize"/> must be 256 × the number of supported keys.</summary>
    public async Task<AesmSupportedKeyIdsResult> GetSupportedAttKeyIdsAsync(uint bufSize, CancellationToken cancellationToken = default)
    {
        var body = new GetSupportedAttKeyIDsRequest { BufSize = bufSize, Timeout = _timeoutMilliseconds };
        var reply = await CallAsync(new Request { GetSupportedAttKeyIDsReq = body }, r => r.GetSupportedAttKeyIDsRes, cancellationToken).ConfigureAwait(false);
        return new AesmSupportedKeyIdsResult(reply.ErrorCode, reply.HasAttKeyIds ? reply.AttKeyIds.ToByteArray() : null);
    }

    /// <summary>
    /// One raw exchange: sends <paramref name="request"/> and returns the parsed reply, whatever sub-message it has
    /// (null when the service closed without replying). For tests and diagnostics of the wire protocol.
    /// </summary>
    internal async Task<Response?> TransactAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await ExchangeAsync(AesmFrame.Encode(request), cancellationToken).ConfigureAwait(false);
        return body is null ? null : ParseReply(body);
    }

    private async Task<T> CallAsync<T>(Request request, Func<Response, T?> select, CancellationToken cancellationToken)
        where T : class, IMessage
    {
        var body = await ExchangeAsync(AesmFrame.Encode(request), cancellationToken).ConfigureAwait(false)
            ?? throw new AesmTransportException(AesmTransportFailure.ClosedWithoutReply, SocketPath,
                $"the AESM service on {SocketPath} closed the connection without replying to {AesmMessageCodec.Classify(request)}");
        var reply = select(ParseReply(body));
        if (reply is null || !reply.IsInitialized())
        {
            throw new AesmTransportException(AesmTransportFailure.MalformedReply, SocketPath,
                $"the AESM service on {SocketPath} answered {AesmMessageCodec.Classify(request)} with a reply that lacks the matching {typeof(T).Name} (or its errorCode)");
        }
        return reply;
    }

    private Response ParseReply(byte[] body)
    {
        try
        {
            return AesmMessageCodec.ParseResponse(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new AesmTransportException(AesmTransportFailure.MalformedReply, SocketPath,
                $"the AESM service on {SocketPath} sent a {body.Length}-byte reply that is not protobuf: {e.Message}", e);
        }
    }

    /// <summary>Connect, send one frame, read one frame, close; null when the peer closed without a reply.</summary>
    private async Task<byte[]?> ExchangeAsync(byte[] frame, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CallTimeout);
        Socket socket;
        try
        {
            socket = await ConnectAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new AesmTransportException(AesmTransportFailure.NotReachable, SocketPath,
                $"cannot connect to the AESM service at {SocketPath} ({e.SocketErrorCode}); is the quote helper (or aesmd) running and the socket mounted into this container?", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(e);
        }
        using (socket)
        {
            try
            {
                await socket.SendAsync(frame, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                return await AesmFrame.ReadAsync(socket, MaxReplyBytes, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(e);
            }
            catch (AesmFrameException e)
            {
                throw new AesmTransportException(e.Error == AesmFrameError.Truncated ? AesmTransportFailure.ClosedWithoutReply : AesmTransportFailure.MalformedReply,
                    SocketPath, $"bad reply frame from the AESM service on {SocketPath}: {e.Message}", e);
            }
            catch (SocketException e)
            {
                throw new AesmTransportException(AesmTransportFailure.ClosedWithoutReply, SocketPath,
                    $"the AESM service on {SocketPath} dropped the connection ({e.SocketErrorCode})", e);
            }
        }
    }

    /// <summary>
    /// Intel's client connects in blocking mode and so waits while the listen backlog is full; a non-blocking
    /// connect fails with EAGAIN instead, so retry (on a fresh socket) until the call deadline.
    /// </summary>
    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var endpoint = new UnixDomainSocketEndPoint(SocketPath);
        var pause = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.TryAgain)
            {
                socket.Dispose();
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromMilliseconds(Math.Min(50, pause.TotalMilliseconds * 2));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    private AesmTransportException TimedOut(Exception inner) =>
        new(AesmTransportFailure.Timeout, SocketPath, $"no reply from the AESM service on {SocketPath} within {CallTimeout.TotalSeconds:0.###} s", inner);
}
