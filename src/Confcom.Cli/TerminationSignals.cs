using System.Runtime.InteropServices;

namespace Confcom.Cli;

/// <summary>
/// Turns SIGTERM and SIGINT into the cancellation token every verb receives, and suppresses the runtime's
/// default termination so a daemon can stop serving, remove its sockets and exit 0. System.CommandLine's own
/// handling returns 143 from the invocation as soon as the signal arrives, racing the daemon's cleanup (observed:
/// the process ended in milliseconds with stale sockets left behind). A second signal is not suppressed, so an
/// operator can still force a hung process down.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public TerminationSignals()
    {
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
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        context.Cancel = true;
        _stop.Cancel();
    }
}
