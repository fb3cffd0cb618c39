using Confcom.Aesm.Protocol.Messages;
using Google.Protobuf;

namespace Confcom.Aesm.Protocol;

/// <summary>Parsing and classifying AESM messages the way aesmd's <c>ProtobufSerializer</c> does.</summary>
internal static class AesmMessageCodec
{
    /// <summary>
    /// Parses a request body without enforcing proto2 <c>required</c> fields: AESM accepts such a request and
    /// answers it with AESM_UNEXPECTED_ERROR of the matching type, and so do we
    /// (<see cref="MessageParser{T}.ParseFrom(byte[])"/> would throw instead).
    /// </summary>
    /// <exception cref="InvalidProtocolBufferException">the body is not protobuf.</exception>
    public static Request ParseRequest(ReadOnlySpan<byte> body)
    {
        var request = new Request();
        request.MergeFrom(body);
        return request;
    }

    /// <summary>Parses a response body, also without the required-field check (the caller checks presence).</summary>
    public static Response ParseResponse(ReadOnlySpan<byte> body)
    {
        var response = new Response();
        response.MergeFrom(body);
        return response;
    }

    /// <summary>The first sub-message present, in field-number order; <see cref="AesmRequestKind.None"/> if none.</summary>
    public static AesmRequestKind Classify(Request request) => request switch
    {
        { InitQuoteReq: not null } => AesmRequestKind.InitQuote,
        { GetQuoteReq: not null } => AesmRequestKind.GetQuote,
        { GetLicTokenReq: not null } => AesmRequestKind.GetLaunchToken,
        { ReportErrReq: not null } => AesmRequestKind.ReportAttestationError,
        { GetWhiteListSizeReq: not null } => AesmRequestKind.GetWhiteListSize,
        { GetWhiteListReq: not null } => AesmRequestKind.GetWhiteList,
        { SgxGetExtendedEpidGroupIdReq: not null } => AesmRequestKind.SgxGetExtendedEpidGroupId,
        { SgxSwitchExtendedEpidGroupReq: not null } => AesmRequestKind.SgxSwitchExtendedEpidGroup,
        { SgxRegisterReq: not null } => AesmRequestKind.SgxRegister,
        { InitQuoteExReq: not null } => AesmRequestKind.InitQuoteEx,
        { GetQuoteSizeExReq: not null } => AesmRequestKind.GetQuoteSizeEx,
        { GetQuoteExReq: not null } => AesmRequestKind.GetQuoteEx,
        { CheckUpdateStatusReq: not null } => AesmRequestKind.CheckUpdateStatus,
        { SelectAttKeyIDReq: not null } => AesmRequestKind.SelectAttKeyId,
        { GetSupportedAttKeyIDNumReq: not null } => AesmRequestKind.GetSupportedAttKeyIdNum,
        { GetSupportedAttKeyIDsReq: not null } => AesmRequestKind.GetSupportedAttKeyIds,
        _ => AesmRequestKind.None,
    };

    /// <summary>
    /// A response of the type that answers <paramref name="kind"/>, carrying only <paramref name="error"/>.
    /// Intel's client dereferences the matching sub-message unconditionally, so every error must still have it.
    /// </summary>
    public static Response ErrorResponse(AesmRequestKind kind, uint error)
    {
        var response = new Response();
        switch (kind)
        {
            case AesmRequestKind.InitQuote: response.InitQuoteRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.GetQuote: response.GetQuoteRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.GetLaunchToken: response.GetLicTokenRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.ReportAttestationError: response.ReportErrRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.GetWhiteListSize: response.GetWhiteListSizeRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.GetWhiteList: response.GetWhiteListRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.SgxGetExtendedEpidGroupId: response.SgxGetExtendedEpidGroupIdRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.SgxSwitchExtendedEpidGroup: response.SgxSwitchExtendedEpidGroupRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.SgxRegister: response.SgxRegisterRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.InitQuoteEx: response.InitQuoteExRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.GetQuoteSizeEx: response.GetQuoteSizeExRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.GetQuoteEx: response.GetQuoteExRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.CheckUpdateStatus: response.CheckUpdateStatusRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.SelectAttKeyId: response.SelectAttKeyIDRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.GetSupportedAttKeyIdNum: response.GetSupportedAttKeyIDNumRes = new() { ErrorCode = error }; break;
            case AesmRequestKind.GetSupportedAttKeyIds: response.GetSupportedAttKeyIDsRes = new() { ErrorCode = error }; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "no response type answers this request kind");
        }
        return response;
    }
}
