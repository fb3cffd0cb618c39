using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Confcom;

/// <summary>
/// The raw <c>statx(2)</c> fields a daemon needs to tell what a path is (file type bits, inode, the file system's
/// device, a device node's own major:minor, change time). .NET exposes only permission bits, yet a daemon must not
/// delete a regular file it takes for a stale socket, nor hand the kubelet a directory as a device. statx is used
/// rather than stat because its buffer layout is the same on every architecture. One binding, linked into each
/// daemon project like <c>BoundedInput.cs</c>; each project keeps its own view of the result.
/// </summary>
internal readonly record struct FileStatx(uint Mode, ulong Inode, uint DeviceMajor, uint DeviceMinor,
    uint RdevMajor, uint RdevMinor, long ChangeTimeSeconds, uint ChangeTimeNanoseconds)
{
    public const uint TypeMask = 0xF000;
    public const uint TypeSocket = 0xC000;
    public const uint TypeSymbolicLink = 0xA000;
    public const uint TypeRegular = 0x8000;
    public const uint TypeBlockDevice = 0x6000;
    public const uint TypeDirectory = 0x4000;
    public const uint TypeCharacterDevice = 0x2000;
    public const uint TypeFifo = 0x1000;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const uint StatxCtime = 0x80;
    private const int StatxBufferSize = 256;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int CtimeOffset = 96;
    private const int RdevMajorOffset = 128;
    private const int RdevMinorOffset = 132;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    public uint FileType => Mode & TypeMask;

    public bool IsSocket => FileType == TypeSocket;

    /// <summary>True when both name the same inode of the same file system.</summary>
    public bool IsSameInodeAs(FileStatx other) =>
        Inode == other.Inode && DeviceMajor == other.DeviceMajor && DeviceMinor == other.DeviceMinor;

    /// <summary>What the path is, for messages: "a regular file", "a directory", "a symbolic link"…</summary>
    public string Describe() => FileType switch
    {
        TypeSocket => "a socket",
        TypeSymbolicLink => "a symbolic link",
        TypeRegular => "a regular file",
        TypeBlockDevice => "a block device",
        TypeDirectory => "a directory",
        TypeCharacterDevice => "a character device",
        TypeFifo => "a FIFO",
        _ => "a file of unknown type",
    };

    /// <summary>
    /// statx of <paramref name="path"/>; null when it does not exist or cannot be examined. Throws
    /// <see cref="PlatformNotSupportedException"/> where the C library has no statx (non-Linux, very old glibc).
    /// </summary>
    public static FileStatx? Query(string path, bool followLinks)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("statx is only available on Linux");
        }
        var buffer = new byte[StatxBufferSize];
        int rc;
        try
        {
            rc = NativeMethods.statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxIno | StatxCtime, buffer);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new PlatformNotSupportedException("the C library has no statx", ex);
        }
        if (rc != 0)
        {
            return null;
        }
        return new FileStatx(
            BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(InodeOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(DevMajorOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(DevMinorOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(RdevMajorOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(RdevMinorOffset)),
            BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(CtimeOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(CtimeOffset + 8)));
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags, uint mask, byte[] statxbuf);
    }
}
