using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Tests.Platform;

public sealed class UnixFileStatusTests
{
    [Fact]
    public void DevNullIsCharacterDeviceOneThree()
    {
        var status = UnixFileStatus.Get("/dev/null");

        Assert.Equal(UnixFileKind.CharacterDevice, status.Kind);
        Assert.Equal((1u, 3u), (status.DeviceMajor, status.DeviceMinor));
    }

    [Fact]
    public void TellsDirectoriesFilesFifosLinksAndMissingApart()
    {
        using var tree = new FakeHostTree();
        tree.RegularFile("/f").Folder("/d").CharacterDevice("/link");
        var fifo = tree.PathOf("/fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        Assert.Equal(UnixFileKind.RegularFile, UnixFileStatus.Get(tree.PathOf("/f")).Kind);
        Assert.Equal(UnixFileKind.Directory, UnixFileStatus.Get(tree.PathOf("/d")).Kind);
        Assert.Equal(UnixFileKind.Fifo, UnixFileStatus.Get(fifo).Kind);
        Assert.Equal(UnixFileKind.CharacterDevice, UnixFileStatus.Get(tree.PathOf("/link")).Kind);
        Assert.Equal(UnixFileKind.SymbolicLink, UnixFileStatus.GetWithoutFollowing(tree.PathOf("/link")).Kind);
        Assert.Equal(UnixFileKind.Missing, UnixFileStatus.Get(tree.PathOf("/nothing")).Kind);
    }

    [Fact]
    public void AReplacedFileIsNotTheSameFile()
    {
        using var tree = new FakeHostTree();
        var path = tree.PathOf("/kubelet.sock");
        File.WriteAllText(path, "a");
        var first = UnixFileStatus.GetWithoutFollowing(path);
        // Moved aside rather than deleted, so the inode cannot be reused and the outcome does not depend on timing.
        File.Move(path, path + ".old");
        File.WriteAllText(path, "b");
        var second = UnixFileStatus.GetWithoutFollowing(path);

        Assert.False(first.IsSameFileAs(second));
        Assert.True(second.IsSameFileAs(UnixFileStatus.GetWithoutFollowing(path)));
        Assert.False(UnixFileStatus.Missing.IsSameFileAs(UnixFileStatus.Missing));
    }
}
