namespace Confcom.DevicePlugin.Tests.Platform;

/// <summary>
/// A throwaway host root with dev/ and sys/ trees. A non-root user cannot mknod, so a real character device is
/// placed as a symbolic link to the host's /dev/null: statx follows it and sees a genuine character device.
/// </summary>
internal sealed class FakeHostTree : IDisposable
{
    public FakeHostTree()
    {
        Root = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Root, "dev"));
    }

    public string Root { get; }

    public string PathOf(string hostPath) => Path.Join(Root, hostPath.TrimStart('/'));

    public FakeHostTree CharacterDevice(string hostPath)
    {
        var path = PathOf(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, "/dev/null");
        return this;
    }

    public FakeHostTree RegularFile(string hostPath, string content = "")
    {
        var path = PathOf(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public FakeHostTree Folder(string hostPath)
    {
        Directory.CreateDirectory(PathOf(hostPath));
        return this;
    }

    public void Remove(string hostPath) => File.Delete(PathOf(hostPath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
