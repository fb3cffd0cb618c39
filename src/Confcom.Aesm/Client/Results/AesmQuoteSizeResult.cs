namespace Confcom.Aesm.Client.Results;

/// <summary>GetQuoteSizeEx reply.</summary>
public sealed record AesmQuoteSizeResult(uint ErrorCode, uint? QuoteSize);
