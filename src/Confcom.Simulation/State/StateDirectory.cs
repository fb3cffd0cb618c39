using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Simulation.State;

/// <summary>
/// One directory of persisted simulation files. Writes are atomic (temp file, fsync, rename) so that a crash never
/// leaves half a key, and whole sets of files are created through <see cref="StagedCreation"/>; reads are capped
/// while reading (<see cref="MaxFileBytes"/>) and turn every failure into a <see cref="SimulationStateException"/>
/// naming the file.
/// </summary>
internal sealed class StateDirectory
{
    /// <summary>
    /// Every state file is a PEM key or certificate, a hex line or a small JSON document (1–3 KiB); a file far larger
    /// (a mistaken bind mount, /dev/zero) is refused while reading instead of filling memory.
    /// </summary>
    public const int MaxFileBytes = 64 * 1024;

    public StateDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string FileName(string name) => System.IO.Path.Combine(Path, name);

    public bool Exists(string name) => File.Exists(FileName(name));

    public void EnsureCreated()
    {
        if (Directory.Exists(Path))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Writes a file atomically; secrets are created readable by the owner only.</summary>
    public void WriteAtomically(string name, ReadOnlySpan<byte> content, bool secret)
    {
        var target = FileName(name);
        var temp = target + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = secret
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        StateFaultInjection.Step($"writing {target}");
    }

    public void WriteText(string name, string content, bool secret = false) =>
        WriteAtomically(name, System.Text.Encoding.UTF8.GetBytes(content), secret);

    public string ReadText(string name) => System.Text.Encoding.UTF8.GetString(ReadBytes(name));

    public byte[] ReadBytes(string name)
    {
        var path = FileName(name);
        try
        {
            return BoundedInput.ReadAllBytes(path, MaxFileBytes, "a simulated state file");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SimulationStateException(path, "missing although other files of this identity exist (the identity is damaged); restore it from a backup, or move the whole directory away to create a new simulated identity", ex);
        }
        catch (IOException ex)
        {
            throw new SimulationStateException(path, $"cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new SimulationStateException(path, $"cannot be read: {ex.Message}; check its owner and mode", ex);
        }
    }

    public X509Certificate2 ReadCertificate(string name)
    {
        var path = FileName(name);
        var text = ReadText(name);
        try
        {
            return X509Certificate2.CreateFromPem(text);
        }
        catch (CryptographicException ex)
        {
            throw new SimulationStateException(path, "is not a PEM certificate (truncated, corrupt or another file); restore it from a backup", ex);
        }
    }

    public ECDsa ReadEcdsaKey(string name)
    {
        var path = FileName(name);
        var text = ReadText(name);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new SimulationStateException(path, "is not a PEM PKCS#8 EC private key (truncated, corrupt or another file); restore it from a backup", ex);
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new SimulationStateException(path, $"holds a {key.KeySize}-bit EC key; simulated SGX keys are P-256");
        }
        return key;
    }

    /// <summary>
    /// Holds an exclusive lock on the directory (flock on <c>.lock</c>) so that two processes creating the same
    /// identity at once (two nodes sharing one simulated root) cannot both generate one.
    /// </summary>
    public IDisposable Lock(TimeSpan timeout)
    {
        EnsureCreated();
        var path = FileName(".lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
            catch (IOException ex)
            {
                throw new SimulationStateException(path, $"still locked by another process after {timeout.TotalSeconds:0} s; is another 'confcom sim' or quote helper creating this state?", ex);
            }
        }
    }

    public void WriteEcdsaKey(string name, ECDsa key) => WriteText(name, key.ExportPkcs8PrivateKeyPem(), secret: true);

    public void WriteCertificate(string name, X509Certificate2 certificate) => WriteText(name, certificate.ExportCertificatePem() + "\n");
}
