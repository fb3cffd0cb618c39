namespace Confcom.Cli.Tests.Support;

/// <summary>A temp folder with a short path under /tmp (Unix socket paths must stay under 108 bytes), removed on dispose.</summary>
internal sealed class ShortTempDirectory : IDisposable
{
    public ShortTempDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
