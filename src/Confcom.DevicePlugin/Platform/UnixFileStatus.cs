namespace Confcom.DevicePlugin.Platform;

/// <summary>
/// The file type and inode of a path, from <c>statx(2)</c>. .NET exposes only permission bits
/// (<see cref="File.GetUnixFileMode(string)"/>), not whether a path is a character device, and a device plugin
/// must never hand the kubelet anything else (a directory as a DeviceSpec breaks container creation). The system
/// call binding is the shared <see cref="FileStatx"/>; this is the device plugin's view of it.
/// </summary>
internal readonly record struct UnixFileStatus(UnixFileKind Kind, ulong Inode, uint DeviceMajor, uint DeviceMinor, long ChangeTimeSeconds, uint ChangeTimeNanoseconds)
{
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
        FileStatx? status;
        try
        {
            status = FileStatx.Query(path, followLinks);
        }
        catch (PlatformNotSupportedException)
        {
            return Fallback(path);
        }
        return status is { } s
            ? new UnixFileStatus(KindOf(s.Mode), s.Inode, s.RdevMajor, s.RdevMinor, s.ChangeTimeSeconds, s.ChangeTimeNanoseconds)
            : Missing;
    }

    private static UnixFileKind KindOf(uint mode) => (mode & FileStatx.TypeMask) switch
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
}
