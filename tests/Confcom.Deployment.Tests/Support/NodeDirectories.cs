namespace Confcom.Deployment.Tests.Support;

/// <summary>
/// The host side of one simulated node: every hostPath the chart names maps to a folder under one temporary root
/// (never the real /var/run or /var/lib/kubelet), created the way the kubelet would for its hostPath type.
/// </summary>
internal sealed class NodeDirectories : IDisposable
{
    public NodeDirectories()
    {
        // Short: Unix socket paths under it must stay below 108 bytes.
        Root = Path.Combine("/tmp", "ccd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Where the host path <paramref name="hostPath"/> of the simulated node lives on this machine.</summary>
    public string Map(string hostPath) => Path.Combine(Root, "host", hostPath.TrimStart('/'));

    /// <summary>A folder of the node that the kubelet or the OS would already have (hostPath type Directory).</summary>
    public string Existing(string hostPath)
    {
        var path = Map(hostPath);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A scratch folder outside the simulated host tree (secrets, certificates).</summary>
    public string Scratch(string name)
    {
        var path = Path.Combine(Root, "scratch", name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
