namespace Confcom.Aesm.Protocol;

/// <summary>Why a frame was refused before its body could be parsed.</summary>
internal enum AesmFrameError
{
    /// <summary>The peer closed the connection part-way through the length or the body.</summary>
    Truncated,

    /// <summary>The length prefix was 0.</summary>
    Empty,

    /// <summary>The length prefix exceeded the configured cap.</summary>
    TooLarge,
}
