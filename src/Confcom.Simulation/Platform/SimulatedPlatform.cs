using Confcom.Simulation.Identity;
using Confcom.Simulation.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Simulation.Platform;

/// <summary>
/// A simulated SGX node: its own identity (state directory) under a simulated Intel root (the root directory,
/// <c>&lt;state-dir&gt;/root</c> unless several nodes share one via <c>--sim-root</c>).
/// </summary>
public sealed partial class SimulatedPlatform : IDisposable
{
    /// <summary>Where <c>confcom</c> keeps a simulated node's state unless told otherwise.</summary>
    public const string DefaultStateDirectory = "/var/lib/confcom/sim";

    private SimulatedPlatform(SimulatedRootAuthority root, SimulatedNodeIdentity node, TimeProvider timeProvider, bool wasCreated)
    {
        Root = root;
        Node = node;
        TimeProvider = timeProvider;
        WasCreated = wasCreated;
    }

    /// <summary>True when this call created the node identity (first start), false when it loaded it.</summary>
    public bool WasCreated { get; }

    public SimulatedRootAuthority Root { get; }

    public SimulatedNodeIdentity Node { get; }

    public SimulatedPlatformDescription Description => Node.Description;

    public TimeProvider TimeProvider { get; }

    public string StateDirectory => Node.Directory;

    /// <summary>PEM leaf ‖ PCK Platform CA ‖ root: the certification data of this node's quotes.</summary>
    public string PckCertificateChainPem => Node.Pck.CertificatePem + Root.PckCaChainPem;

    /// <summary>
    /// Loads the node in <paramref name="stateDir"/>, creating the root and/or the node identity when (and only when)
    /// their directories hold none of their files, and finishing a creation an earlier run was killed in the middle of
    /// (<see cref="StagedCreation"/>: whatever the moment of the kill, the next start succeeds). Corrupt or mismatched
    /// files throw <see cref="SimulationStateException"/> and are left untouched; persisted keys are never replaced.
    /// </summary>
    public static SimulatedPlatform OpenOrCreate(string stateDir, string? simRootDir = null, ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null, SimulatedPlatformDescription? description = null)
    {
        timeProvider ??= TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SimulatedPlatform>();
        var state = new State.StateDirectory(stateDir);
        // A finished identity is only read (no lock file), so a read-only state mount works; creation takes the
        // directory lock so that two processes starting at once cannot both create an identity.
        if (SimulatedNodeIdentity.IsCompleteIn(state) && !StagedCreation.IsPending(state))
        {
            return Load(state, simRootDir, logger, timeProvider);
        }
        using (state.Lock(TimeSpan.FromSeconds(30)))
        {
            if (SimulatedNodeIdentity.IsCompleteIn(state) && !StagedCreation.IsBuilt(state))
            {
                // Finished; a staging folder without .built beside a finished identity was never published.
                StagedCreation.Discard(state);
                return Load(state, simRootDir, logger, timeProvider);
            }
            string rootDir;
            if (StagedCreation.IsBuilt(state))
            {
                // Finishing: the staged PCK certificate chains to the root the interrupted run chose.
                rootDir = StagedRootDirectory(state, simRootDir);
            }
            else
            {
                if (!StagedCreation.IsPending(state))
                {
                    ThrowIfPartial(state);
                }
                rootDir = simRootDir is not null ? Path.GetFullPath(simRootDir) : DefaultRootDirectory(state);
            }
            if (string.Equals(rootDir.TrimEnd('/'), state.Path.TrimEnd('/'), StringComparison.Ordinal))
            {
                throw new ArgumentException($"the simulated root directory must not be the node state directory itself ({state.Path}); use a separate --sim-root", nameof(simRootDir));
            }
            var root = StagedCreation.IsBuilt(state)
                ? SimulatedRootAuthority.Open(rootDir, logger)
                : SimulatedRootAuthority.OpenOrCreate(rootDir, timeProvider, logger);
            try
            {
                var resumed = SimulatedNodeIdentity.Create(state, root, RootLocation(state, root.Directory),
                    description ?? SimulatedPlatformDescription.CreateDefault(), timeProvider.GetUtcNow(),
                    discarded => LogDiscardedStaging(logger, discarded));
                var node = SimulatedNodeIdentity.Load(state, root);
                if (resumed)
                {
                    LogNodeResumed(logger, state.Path, Convert.ToHexString(node.Description.Fmspc), node.Pck.Certificate.SerialNumber, root.Directory);
                }
                else
                {
                    LogNodeCreated(logger, state.Path, Convert.ToHexString(node.Description.Fmspc), node.Pck.Certificate.SerialNumber, root.Directory);
                }
                return new SimulatedPlatform(root, node, timeProvider, wasCreated: true);
            }
            catch
            {
                root.Dispose();
                throw;
            }
        }
    }

    /// <summary>Loads an existing node; fails with a clear message when it was never initialised.</summary>
    public static SimulatedPlatform Open(string stateDir, string? simRootDir = null, ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        var state = new State.StateDirectory(stateDir);
        if (!SimulatedNodeIdentity.IsCompleteIn(state))
        {
            if (StagedCreation.IsPending(state))
            {
                throw new SimulationStateException(state.FileName(PlatformDescriptionFile.FileName),
                    "not there yet: the creation of this simulated node was interrupted; run 'confcom sim init --state-dir " + state.Path + "' to finish it");
            }
            ThrowIfPartial(state);
            throw new SimulationStateException(state.FileName(PlatformDescriptionFile.FileName),
                "not found: this directory holds no simulated node; run 'confcom sim init --state-dir " + state.Path + "' first");
        }
        return Load(state, simRootDir, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SimulatedPlatform>(), timeProvider ?? TimeProvider.System);
    }

    public void Dispose()
    {
        Node.Dispose();
        Root.Dispose();
    }

    private static SimulatedPlatform Load(State.StateDirectory state, string? simRootDir, ILogger logger, TimeProvider timeProvider)
    {
        var root = SimulatedRootAuthority.Open(ResolveRootDirectory(state, simRootDir, logger), logger);
        try
        {
            var node = SimulatedNodeIdentity.Load(state, root);
            LogNodeLoaded(logger, state.Path, Convert.ToHexString(node.Description.Fmspc), node.Pck.Certificate.SerialNumber);
            return new SimulatedPlatform(root, node, timeProvider, wasCreated: false);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    private static string DefaultRootDirectory(State.StateDirectory state) => Path.Combine(state.Path, "root");

    /// <summary>
    /// What <c>sim-root.path</c> records: the root relative to the state directory, so that moving or copying the state
    /// directory (with its default root inside it, or together with a shared root beside it) keeps it working.
    /// </summary>
    private static string RootLocation(State.StateDirectory state, string rootDirectory) =>
        Path.GetRelativePath(state.Path, rootDirectory);

    private static string ResolveRootDirectory(State.StateDirectory state, string? simRootDir, ILogger logger)
    {
        if (simRootDir is not null)
        {
            return Path.GetFullPath(simRootDir);
        }
        return state.Exists(SimulatedNodeIdentity.RootLocationFile)
            ? RecordedRootDirectory(state, logger)
            : DefaultRootDirectory(state);
    }

    /// <summary>
    /// The root recorded in <c>sim-root.path</c>. Files written before relative paths hold an absolute one; when that
    /// no longer exists (the state was moved) and the state directory has its own <c>root</c>, that one is used (the
    /// PCK chain check proves it is the right root); otherwise the error says exactly how to repair.
    /// </summary>
    private static string RecordedRootDirectory(State.StateDirectory state, ILogger logger)
    {
        var file = state.FileName(SimulatedNodeIdentity.RootLocationFile);
        var recorded = state.ReadText(SimulatedNodeIdentity.RootLocationFile).Trim();
        if (recorded.Length == 0)
        {
            throw new SimulationStateException(file, $"is empty; record the simulated root's directory in it (printf '%s\\n' ROOT-DIR > {file}) or pass --sim-root");
        }
        var resolved = Path.GetFullPath(recorded, state.Path);
        if (Directory.Exists(resolved))
        {
            return resolved;
        }
        var ownRoot = DefaultRootDirectory(state);
        if (Path.IsPathRooted(recorded) && File.Exists(Path.Combine(ownRoot, "root-ca.pem")))
        {
            LogStaleRootLocation(logger, file, recorded, ownRoot);
            return ownRoot;
        }
        throw new SimulationStateException(file,
            $"names {resolved} as the simulated root, which does not exist (was the state directory moved without its root?). " +
            $"Pass --sim-root with the root's directory, or record it once: printf '%s\\n' ROOT-DIR > {file} (a path relative to {state.Path} keeps working after a move)");
    }

    /// <summary>The root an interrupted creation chose, from its staged <c>sim-root.path</c>; a different --sim-root is an error.</summary>
    private static string StagedRootDirectory(State.StateDirectory state, string? simRootDir)
    {
        var staging = StagedCreation.Staging(state);
        // Still staged, or already moved in by the interrupted run.
        var recorded = staging.Exists(SimulatedNodeIdentity.RootLocationFile) ? staging : state;
        var chosen = Path.GetFullPath(recorded.ReadText(SimulatedNodeIdentity.RootLocationFile).Trim(), state.Path);
        if (simRootDir is not null && !string.Equals(Path.GetFullPath(simRootDir).TrimEnd('/'), chosen.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new SimulationStateException(staging.FileName(SimulatedNodeIdentity.RootLocationFile),
                $"an interrupted creation of this node under the simulated root {chosen} is being finished; pass --sim-root {chosen} (or none), or remove {staging.Path} to start over under {Path.GetFullPath(simRootDir)}");
        }
        return chosen;
    }

    /// <summary>Node files without <c>platform.json</c> and no staging folder: left by an older confcom killed while creating them.</summary>
    private static void ThrowIfPartial(State.StateDirectory state)
    {
        var present = SimulatedNodeIdentity.PartialFilesIn(state);
        if (present.Length == 0)
        {
            return;
        }
        throw new SimulationStateException(state.FileName(PlatformDescriptionFile.FileName),
            $"missing, but {string.Join(", ", present)} exist: an earlier creation was interrupted (by an older confcom) or the file was removed. " +
            $"If no quote was ever made with this node, move the partial files away and start again (mkdir {state.Path}.partial && mv {string.Join(" ", present.Select(state.FileName))} {state.Path}.partial/); otherwise restore {PlatformDescriptionFile.FileName} from a backup");
    }
}
