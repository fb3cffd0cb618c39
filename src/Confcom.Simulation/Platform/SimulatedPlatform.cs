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
    /// <summary>Records which root directory the node was created under, so later commands find it.</summary>
    internal const string RootLocationFile = "sim-root.path";

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
    /// Loads the node in <paramref name="stateDir"/>, creating the root and/or the node identity when (and only
    /// when) their directories hold none of their files. Corrupt or mismatched files throw
    /// <see cref="SimulationStateException"/> and are left untouched.
    /// </summary>
    public static SimulatedPlatform OpenOrCreate(string stateDir, string? simRootDir = null, ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null, SimulatedPlatformDescription? description = null)
    {
        timeProvider ??= TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SimulatedPlatform>();
        var state = new State.StateDirectory(stateDir);
        // An existing identity is only read (no lock file), so a read-only state mount works; creation takes the
        // directory lock so that two processes starting at once cannot both create an identity.
        using var _ = SimulatedNodeIdentity.IsCompleteIn(state) ? null : state.Lock(TimeSpan.FromSeconds(30));
        var rootDir = ResolveRootDirectory(state, simRootDir);
        if (string.Equals(rootDir.TrimEnd('/'), state.Path.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new ArgumentException($"the simulated root directory must not be the node state directory itself ({state.Path}); use a separate --sim-root", nameof(simRootDir));
        }
        // An existing node never gets a fresh root created next to it: its PCK must chain to the root it has.
        var root = SimulatedNodeIdentity.ExistsIn(state)
            ? SimulatedRootAuthority.Open(rootDir, logger)
            : SimulatedRootAuthority.OpenOrCreate(rootDir, timeProvider, logger);
        try
        {
            SimulatedNodeIdentity node;
            var exists = SimulatedNodeIdentity.ExistsIn(state);
            if (exists)
            {
                node = SimulatedNodeIdentity.Load(state, root);
                LogNodeLoaded(logger, state.Path, Convert.ToHexString(node.Description.Fmspc), node.Pck.Certificate.SerialNumber);
            }
            else
            {
                node = SimulatedNodeIdentity.Create(state, root, description ?? SimulatedPlatformDescription.CreateDefault(), timeProvider.GetUtcNow());
                state.WriteText(RootLocationFile, root.Directory + "\n");
                LogNodeCreated(logger, state.Path, Convert.ToHexString(node.Description.Fmspc), node.Pck.Certificate.SerialNumber, root.Directory);
            }
            return new SimulatedPlatform(root, node, timeProvider, wasCreated: !exists);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>Loads an existing node; fails with a clear message when it was never initialised.</summary>
    public static SimulatedPlatform Open(string stateDir, string? simRootDir = null, ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        var state = new State.StateDirectory(stateDir);
        if (!SimulatedNodeIdentity.ExistsIn(state))
        {
            throw new SimulationStateException(state.FileName(PlatformDescriptionFile.FileName),
                "not found: this directory holds no simulated node; run 'confcom sim init --state-dir " + state.Path + "' first");
        }
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SimulatedPlatform>();
        var root = SimulatedRootAuthority.Open(ResolveRootDirectory(state, simRootDir), logger);
        try
        {
            return new SimulatedPlatform(root, SimulatedNodeIdentity.Load(state, root), timeProvider ?? TimeProvider.System, wasCreated: false);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Node.Dispose();
        Root.Dispose();
    }

    private static string ResolveRootDirectory(State.StateDirectory state, string? simRootDir)
    {
        if (simRootDir is not null)
        {
            return Path.GetFullPath(simRootDir);
        }
        return state.Exists(RootLocationFile)
            ? state.ReadText(RootLocationFile).Trim()
            : Path.Combine(state.Path, "root");
    }
}
