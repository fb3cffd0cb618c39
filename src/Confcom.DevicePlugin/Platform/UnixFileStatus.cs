using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Confcom.DevicePlugin.Platform;

/// <summary>
/// The file type and inode of a path, from <c>statx(2)</c>. .NET exposes only permission bits
/// (<see cref="File.GetUnixFileMode(string)"/>), not whether a path is a character device, and a device plugin
/// must never hand the kubelet anything else (a directory as a DeviceSpec breaks container creation).
/// statx is used rather than stat because its buffer layout is the same on every architecture.
/// </summary>
internal readonly record struct UnixFileStatus(UnixFileKind Kind, ulong Inode, uint DeviceMajor, uint DeviceMinor, long ChangeTimeSeconds, uint ChangeTimeNanoseconds)
{
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

    /// <summary>
    /// True when both name the same file incarnation: inode numbers are reused at once on ext4 and tmpfs, so a
    /// recreated kubelet.sock is told apart by its change time as well. ctime is only as fine as the kernel's
    /// coarse clock, so callers also watch directory events rather than rely on this alone.
    /// </summary>
    public bool IsSameFileAs(UnixFileStatus other) =>
        Kind != UnixFileKind.Missing && Kind == other.Kind && Inode == other.Inode
        && ChangeTimeSeconds == other.ChangeTimeSeconds && ChangeTimeNanoseconds == other.ChangeTimeNanoseconds;

    public static UnixFileStatus Missing { get; } = new(UnixFileKind.Missing, 0, 0, 0, 0, 0);

    /// <summary>Status of <paramref name="path"/>, following symbolic links (udev's <c>/dev/sgx/enclave</c> is one).</summary>
    public static UnixFileStatus Get(string path) => Query(path, followLinks: true);

    /// <summary>Status of the link itself when <paramref name="path"/> is a symbolic link.</summary>
    public static UnixFileStatus GetWithoutFollowing(string path) => Query(path, followLinks: false);

    private static UnixFileStatus Query(string path, bool followLinks)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return Fallback(path);
        }
        var buffer = new byte[StatxBufferSize];
        int rc;
        try
        {
            rc = NativeMethods.statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxIno | StatxCtime, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return Fallback(path);
        }
        if (rc != 0)
        {
            return Missing;
        }
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset));
        return new UnixFileStatus(
            KindOf(mode),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(InodeOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(RdevMajorOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(RdevMinorOffset)),
            BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(CtimeOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(CtimeOffset + 8)));
    }

    private static UnixFileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x2000 => UnixFileKind.CharacterDevice,
        0x6000 => UnixFileKind.BlockDevice,
        0x4000 => UnixFileKind.Directory,
        0x8000 => UnixFileKind.RegularFile,
        0x1000 => UnixFileKind.Fifo,
        0xC000 => UnixFileKind.Socket,
        0xA000 => UnixFileKind.SymbolicLink,
        _ => UnixFileKind.Other,
    };

    // Without statx (non-Linux, very old libc) we can still tell missing, directory and "something else".
    private static UnixFileStatus Fallback(string path) =>
        Directory.Exists(path) ? new(UnixFileKind.Directory, 0, 0, 0, 0, 0)
        : File.Exists(path) ? new(UnixFileKind.Other, 0, 0, 0, 0, 0)
        : Missing;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags, uint mask, byte[] statxbuf);
    }
}
