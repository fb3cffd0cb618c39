namespace Confcom.Aesm.Client.Results;

/// <summary>SelectAttKeyID reply: the 256-byte selected key id.</summary>
public sealed record AesmSelectAttKeyIdResult(uint ErrorCode, byte[]? SelectedAttKeyId);
