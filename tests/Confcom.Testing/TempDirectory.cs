namespace Confcom.Testing;

/// <summary>
/// A short, unique folder under /tmp, removed on dispose. Short because Unix socket paths must stay under 108
/// bytes, which a path below the system temp folder of a CI runner can exceed.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Where a test's quote helper listens: <c>aesm.socket</c> inside the folder.</summary>
    public string SocketPath => File("aesm.socket");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A test that made a file unremovable has already failed for that reason.
        }
    }
}
