using Confcom.DevicePlugin.Platform;
using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Registration;

/// <summary>
/// Wakes the registration loops when anything in the kubelet's device-plugins directory is created, deleted or
/// renamed (inotify), and at a poll interval in case an event was missed. It only observes; it never writes there.
/// </summary>
internal sealed partial class KubeletDirectoryWatcher : IDisposable
{
    private readonly string _directory;
    private readonly TimeSpan _pollInterval;
    private readonly ILogger<KubeletDirectoryWatcher> _logger;
    private readonly DirectoryChangeSignal _signal;

    public KubeletDirectoryWatcher(DevicePluginOptions options, ILogger<KubeletDirectoryWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.KubeletDirectory;
        _pollInterval = options.KubeletPollInterval;
        _logger = logger;
        _signal = new DirectoryChangeSignal(_directory,
            onWatchError: message => LogWatchError(_directory, message),
            onUnavailable: reason => LogWatchUnavailable(_directory, reason, _pollInterval.TotalSeconds));
        KubeletSocketPath = Path.Combine(_directory, KubeletProtocol.KubeletSocketName);
    }

    public string KubeletSocketPath { get; }

    public UnixFileStatus KubeletSocket() => UnixFileStatus.GetWithoutFollowing(KubeletSocketPath);

    /// <summary>Waits for kubelet.sock instead of failing, so a plugin started before the kubelet does not flap.</summary>
    public async Task WaitForKubeletSocketAsync(CancellationToken cancellationToken)
    {
        // Said once per state, and each state gets its own sentence: "does not exist" for a regular file sent
        // operators looking for a kubelet that was in fact running.
        string? said = null;
        await WaitUntilAsync(() =>
        {
            var kind = KubeletSocket().Kind;
            if (kind == UnixFileKind.Socket)
            {
                return true;
            }
            var state = !Directory.Exists(_directory) ? "no-directory" : kind.ToString();
            if (state != said)
            {
                if (state == "no-directory")
                {
                    LogKubeletDirectoryMissing(_directory);
                }
                else if (kind == UnixFileKind.Missing)
                {
                    LogWaitingForKubelet(KubeletSocketPath);
                }
                else
                {
                    LogKubeletSocketNotASocket(KubeletSocketPath, Describe(kind));
                }
                said = state;
            }
            return false;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.RegularFile => "a regular file",
        UnixFileKind.Directory => "a directory",
        UnixFileKind.SymbolicLink => "a symbolic link",
        UnixFileKind.CharacterDevice => "a character device",
        UnixFileKind.BlockDevice => "a block device",
        UnixFileKind.Fifo => "a FIFO",
        _ => kind.ToString(),
    };

    /// <summary>Re-evaluates <paramref name="condition"/> on every directory event and poll tick until it holds.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            var changed = _signal.NextChangeAsync();
            if (condition())
            {
                return;
            }
            await Task.WhenAny(changed, Task.Delay(_pollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public void Dispose() => _signal.Dispose();
}
