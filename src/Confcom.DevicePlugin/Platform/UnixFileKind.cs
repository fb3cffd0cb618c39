namespace Confcom.DevicePlugin.Platform;

/// <summary>The file type bits (S_IFMT) of a path after following symbolic links.</summary>
public enum UnixFileKind
{
    Missing,
    CharacterDevice,
    BlockDevice,
    Directory,
    RegularFile,
    Fifo,
    Socket,
    SymbolicLink,
    Other,
}
