using System.Diagnostics;

namespace Confcom.Simulation.State;

/// <summary>
/// Test-only crash points in the creation of simulated state. Every durable step (a file written, a file published,
/// the staging folder removed) calls <see cref="Step"/>; tests make a real <c>confcom sim init</c> SIGKILL itself at
/// step N (<see cref="KillAtStepVariable"/>) to prove that the next start succeeds whatever the moment of death, and
/// in-process tests observe the steps through <see cref="Observer"/>. Unset, it costs one integer comparison.
/// </summary>
internal static class StateFaultInjection
{
    /// <summary>When set to N ≥ 1, the process kills itself (SIGKILL, no cleanup) at the N-th step.</summary>
    public const string KillAtStepVariable = "CONFCOM_TEST_KILL_AT_STATE_STEP";

    private static readonly int KillAt =
        int.TryParse(Environment.GetEnvironmentVariable(KillAtStepVariable), out var step) && step > 0 ? step : 0;

    private static int _steps;

    /// <summary>Per test flow (AsyncLocal, so tests running in parallel do not see each other's steps).</summary>
    internal static AsyncLocal<Action<string>?> Observer { get; } = new();

    public static void Step(string what)
    {
        Observer.Value?.Invoke(what);
        if (KillAt > 0 && Interlocked.Increment(ref _steps) == KillAt)
        {
            Console.Error.WriteLine($"{KillAtStepVariable}={KillAt}: killing this process after {what}");
            Console.Error.Flush();
            using var self = Process.GetCurrentProcess();
            self.Kill();
            // Kill only signals; the signal arrives before anything else runs in practice, but never go on.
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
