using System.Security.Cryptography.X509Certificates;

namespace Confcom.Webhook.Tests.Support;

/// <summary>
/// A folder laid out the way kubelet projects a Secret into a pod (its AtomicWriter): the data lives in a timestamped
/// folder, <c>..data</c> links to it, and <c>tls.crt</c> / <c>tls.key</c> link through <c>..data</c>. An update writes
/// a new folder and swaps <c>..data</c> in one rename, as cert-manager's renewal reaches a running webhook.
/// </summary>
public sealed class SecretVolume : IDisposable
{
    private int _generation;

    public SecretVolume()
    {
        Path = System.IO.Path.Combine("/tmp", "cc-tls-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string CertificatePath => System.IO.Path.Combine(Path, "tls.crt");

    public string KeyPath => System.IO.Path.Combine(Path, "tls.key");

    /// <summary>Publishes a key pair (leaf then issuer in tls.crt, as cert-manager writes it) atomically.</summary>
    public void Publish(X509Certificate2 leaf, X509Certificate2? issuer = null)
    {
        var folder = System.IO.Path.Combine(Path, $"..2026_01_01_00_00_{_generation++:00}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "tls.crt"), leaf.ExportCertificatePem() + "\n" + (issuer is null ? "" : issuer.ExportCertificatePem() + "\n"));
        using (var key = leaf.GetECDsaPrivateKey()!)
        {
            File.WriteAllText(System.IO.Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        }
        var data = System.IO.Path.Combine(Path, "..data");
        var next = System.IO.Path.Combine(Path, "..data_tmp");
        File.CreateSymbolicLink(next, System.IO.Path.GetFileName(folder));
        // rename(2) of the link itself (File.Move follows a link to a directory and refuses).
        using (var mv = System.Diagnostics.Process.Start("mv", ["-T", "-f", next, data]))
        {
            mv.WaitForExit();
            if (mv.ExitCode != 0)
            {
                throw new IOException($"mv -T {next} {data} failed");
            }
        }
        foreach (var name in new[] { "tls.crt", "tls.key" })
        {
            var link = System.IO.Path.Combine(Path, name);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, System.IO.Path.Combine("..data", name));
            }
        }
    }

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
