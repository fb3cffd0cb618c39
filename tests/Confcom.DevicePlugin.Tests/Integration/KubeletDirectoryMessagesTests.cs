using Confcom.DevicePlugin.Tests.Support;

namespace Confcom.DevicePlugin.Tests.Integration;

/// <summary>What the plugin says when the kubelet's directory is not what it should be: the path, the operation, what to do.</summary>
public sealed class KubeletDirectoryMessagesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_kubelet_sock_that_is_a_regular_file_is_reported_as_such_not_as_missing()
    {
        await using var bed = new PluginTestbed(output);
        Directory.CreateDirectory(bed.KubeletDirectory);
        var kubeletSock = Path.Combine(bed.KubeletDirectory, KubeletProtocol.KubeletSocketName);
        await File.WriteAllTextAsync(kubeletSock, "not a socket");

        await bed.StartPluginAsync(bed.Options(simulate: true));
        var line = await bed.Log.WaitForAsync(l => l.Contains(kubeletSock, StringComparison.Ordinal), bed.Timeout);

        Assert.DoesNotContain("does not exist", line, StringComparison.Ordinal);
        Assert.Contains("regular file", line, StringComparison.Ordinal);
        Assert.Contains("not a socket", line, StringComparison.Ordinal);
        // Left alone: the plugin never deletes what is not its own.
        Assert.Equal("not a socket", await File.ReadAllTextAsync(kubeletSock));
    }

    [Fact]
    public async Task A_missing_kubelet_directory_is_named_with_what_to_do()
    {
        await using var bed = new PluginTestbed(output);

        await bed.StartPluginAsync(bed.Options(simulate: true));
        var line = await bed.Log.WaitForAsync(l => l.Contains("[140", StringComparison.Ordinal) && l.Contains(bed.KubeletDirectory, StringComparison.Ordinal), bed.Timeout);

        Assert.Contains("--kubelet-dir", line, StringComparison.Ordinal);
    }
}
