namespace Confcom.Aesm.Client.Results;

/// <summary>GetSupportedAttKeyIDNum reply.</summary>
public sealed record AesmSupportedKeyIdNumResult(uint ErrorCode, uint? AttKeyIdNum);
