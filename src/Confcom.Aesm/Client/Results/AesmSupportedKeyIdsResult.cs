namespace Confcom.Aesm.Client.Results;

/// <summary>GetSupportedAttKeyIDs reply: 256 bytes per supported key id.</summary>
public sealed record AesmSupportedKeyIdsResult(uint ErrorCode, byte[]? AttKeyIds);
