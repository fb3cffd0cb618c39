namespace Confcom.Aesm.Client.Results;

/// <summary>InitQuoteEx reply: the QE's 512-byte target info and, when asked for, the 32-byte public key id.</summary>
public sealed record AesmInitQuoteExResult(uint ErrorCode, byte[]? TargetInfo, ulong? PubKeyIdSize, byte[]? PubKeyId);
