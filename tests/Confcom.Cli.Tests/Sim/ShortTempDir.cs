namespace Confcom.Cli.Tests.Sim;

/// <summary>A short unique directory under /tmp, removed on dispose.</summary>
internal sealed class ShortTempDir : IDisposable
{
    public ShortTempDir()
    {
        Path = System.IO.Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
