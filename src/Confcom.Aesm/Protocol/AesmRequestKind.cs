namespace Confcom.Aesm.Protocol;

/// <summary>
/// Which sub-message a <c>Request</c> carries. The values are the top-level field numbers, which are also the
/// field numbers of the matching <c>Response</c> sub-message.
/// </summary>
internal enum AesmRequestKind
{
    None = 0,
    InitQuote = 1,
    GetQuote = 2,
    GetLaunchToken = 3,
    ReportAttestationError = 4,
    GetWhiteListSize = 10,
    GetWhiteList = 11,
    SgxGetExtendedEpidGroupId = 12,
    SgxSwitchExtendedEpidGroup = 13,
    SgxRegister = 14,
    InitQuoteEx = 15,
    GetQuoteSizeEx = 16,
    GetQuoteEx = 17,
    CheckUpdateStatus = 18,
    SelectAttKeyId = 19,
    GetSupportedAttKeyIdNum = 21,
    GetSupportedAttKeyIds = 22,
}
