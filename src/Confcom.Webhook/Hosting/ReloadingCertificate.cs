using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Confcom;
using Microsoft.Extensions.Logging;

namespace Confcom.Webhook.Hosting;

/// <summary>
/// The webhook's TLS key pair, parsed once into the context every handshake uses (<see cref="Current"/>: the leaf,
/// the chain from the rest of the certificate file, built once rather than per handshake), and reloaded when the
/// files change. A handshake looks at the files at most once a second (statx of both, following the symbolic links a
/// Kubernetes secret volume is made of: kubelet swaps its <c>..data</c> link to a new directory, so the inode changes).
/// A new pair is taken only when it loads and the key matches the certificate; until then, e.g. while a writer that is
/// not atomic has replaced the certificate but not yet the key, the previous pair is kept and the problem logged once.
/// Files are read with a cap (PEM files of a few KiB; <see cref="MaxPemBytes"/>).
/// </summary>
internal sealed partial class ReloadingCertificate
{
    /// <summary>A certificate chain or key is a few KiB; a file far larger is not one.</summary>
    public const int MaxPemBytes = 1024 * 1024;

    private static readonly long CheckIntervalTicks = Stopwatch.Frequency;

    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private SslStreamCertificateContext _current;
    private FileStamp _loaded;
    private FileStamp? _failed;
    private long _nextCheck;

    /// <summary>Loads the pair; throws <see cref="InvalidOperationException"/> naming both files when it cannot.</summary>
    public ReloadingCertificate(string certificatePath, string keyPath, ILogger logger)
    {
        _certificatePath = certificatePath;
        _keyPath = keyPath;
        _logger = logger;
        _loaded = FileStamp.Of(certificatePath, keyPath);
        try
        {
            _current = Load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"cannot load the webhook's TLS certificate {certificatePath} with key {keyPath}: {ex.Message}", ex);
        }
        _nextCheck = Stopwatch.GetTimestamp() + CheckIntervalTicks;
        var leaf = _current.TargetCertificate;
        LogLoaded(_logger, leaf.Subject, leaf.NotAfter, leaf.Thumbprint, certificatePath);
    }

    /// <summary>What to present now (reloaded first if the files changed since the last look).</summary>
    public SslStreamCertificateContext Current
    {
        get
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= Volatile.Read(ref _nextCheck))
            {
                ReloadIfChanged(now);
            }
            return Volatile.Read(ref _current);
        }
    }

    /// <summary>Looks at the files now, as the next handshake after the interval would (tests).</summary>
    internal void CheckNow()
    {
        Volatile.Write(ref _nextCheck, 0);
        ReloadIfChanged(Stopwatch.GetTimestamp());
    }

    private void ReloadIfChanged(long now)
    {
        // One handshake looks; the others keep presenting the current pair meanwhile.
        if (!_lock.TryEnter())
        {
            return;
        }
        try
        {
            if (now < _nextCheck)
            {
                return;
            }
            var stamp = FileStamp.Of(_certificatePath, _keyPath);
            if (stamp == _loaded || stamp == _failed)
            {
                return;
            }
            try
            {
                var fresh = Load();
                // The previous certificate is not disposed: a handshake that took it a moment ago may still use it.
                Volatile.Write(ref _current, fresh);
                _loaded = stamp;
                _failed = null;
                LogReloaded(_logger, fresh.TargetCertificate.Subject, fresh.TargetCertificate.NotAfter, fresh.TargetCertificate.Thumbprint, _certificatePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                _failed = stamp;
                LogReloadFailed(_logger, _certificatePath, _keyPath, ex.Message);
            }
        }
        finally
        {
            Volatile.Write(ref _nextCheck, Stopwatch.GetTimestamp() + CheckIntervalTicks);
            _lock.Exit();
        }
    }

    private SslStreamCertificateContext Load()
    {
        var chainPem = BoundedInput.ReadAllText(_certificatePath, MaxPemBytes, "a PEM certificate chain");
        var leaf = X509Certificate2.CreateFromPem(chainPem, BoundedInput.ReadAllText(_keyPath, MaxPemBytes, "a PEM private key"));
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(chainPem);
        // The first certificate of the file is the leaf; the rest (cert-manager adds the issuer) go out with it.
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain.Skip(1))
        {
            intermediates.Add(certificate);
        }
        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }

    /// <summary>Identity of both files (after following links): inode, file system, change time and size.</summary>
    private readonly record struct FileStamp(string Certificate, string Key)
    {
        public static FileStamp Of(string certificatePath, string keyPath) => new(Describe(certificatePath), Describe(keyPath));

        private static string Describe(string path)
        {
            try
            {
                return FileStatx.Query(path, followLinks: true) is { } s
                    ? $"{s.DeviceMajor}:{s.DeviceMinor}:{s.Inode}:{s.ChangeTimeSeconds}.{s.ChangeTimeNanoseconds}"
                    : "missing";
            }
            catch (PlatformNotSupportedException)
            {
                var info = new FileInfo(path);
                return info.Exists ? $"{info.LastWriteTimeUtc.Ticks}:{info.Length}" : "missing";
            }
        }
    }
}
