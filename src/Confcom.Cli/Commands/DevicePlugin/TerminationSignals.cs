using System.Runtime.InteropServices;

namespace Confcom.Cli.Commands.DevicePlugin;

/// <summary>
/// Turns SIGTERM and SIGINT into a cancellation token for a daemon verb, and suppresses the runtime's default
/// termination so the daemon can remove its sockets and exit 0. Without it a SIGTERM ends the process at once
/// with status 143 (observed with the CLI's System.CommandLine configuration), leaving stale sockets behind.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public TerminationSignals(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.Cancel();
    }
}
