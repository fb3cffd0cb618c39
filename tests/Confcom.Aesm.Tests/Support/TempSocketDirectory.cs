namespace Confcom.Aesm.Tests.Support;

/// <summary>A short-lived directory under /tmp (Unix socket paths must stay under 108 bytes), removed on dispose.</summary>
public sealed class TempSocketDirectory : IDisposable
{
    public TempSocketDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string SocketPath => System.IO.Path.Combine(Path, "aesm.socket");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
