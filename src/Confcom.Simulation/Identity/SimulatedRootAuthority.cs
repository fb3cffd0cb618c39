using Confcom.Simulation.State;
using Microsoft.Extensions.Logging;

namespace Confcom.Simulation.Identity;

/// <summary>
/// The simulated Intel side of one cluster: Root CA, PCK Platform CA and TCB Signing, with their keys, persisted in
/// one directory (<c>--sim-root</c>) that several simulated nodes may share so that a cluster has one trust anchor.
/// </summary>
public sealed partial class SimulatedRootAuthority : IDisposable
{
    internal const string RootCertificateFile = "root-ca.pem";
    internal const string RootKeyFile = "root-ca-key.pem";
    internal const string PckCaCertificateFile = "pck-platform-ca.pem";
    internal const string PckCaKeyFile = "pck-platform-ca-key.pem";
    internal const string TcbSigningCertificateFile = "tcb-signing.pem";
    internal const string TcbSigningKeyFile = "tcb-signing-key.pem";

    /// <summary>Keys first and the root certificate last: its presence marks a finished authority.</summary>
    private static readonly string[] PublishOrder =
        [RootKeyFile, PckCaKeyFile, TcbSigningKeyFile, PckCaCertificateFile, TcbSigningCertificateFile, RootCertificateFile];

    private SimulatedRootAuthority(string directory, SigningIdentity root, SigningIdentity pckCa, SigningIdentity tcbSigning)
    {
        Directory = directory;
        Root = root;
        PckPlatformCa = pckCa;
        TcbSigning = tcbSigning;
    }

    public string Directory { get; }

    public SigningIdentity Root { get; }

    /// <summary>Issues PCK certificates and signs the PCK CRL (CA type <c>platform</c>).</summary>
    public SigningIdentity PckPlatformCa { get; }

    /// <summary>Signs TCB Info and QE Identity.</summary>
    public SigningIdentity TcbSigning { get; }

    /// <summary>The PEM verifiers must trust (never Intel's real root).</summary>
    public string RootCertificatePem => Root.CertificatePem;

    /// <summary>PCK Platform CA then root: the issuer chain of PCK certificates and of the PCK CRL.</summary>
    public string PckCaChainPem => PckPlatformCa.CertificatePem + Root.CertificatePem;

    /// <summary>TCB Signing then root: the issuer chain of TCB Info and QE Identity.</summary>
    public string TcbSigningChainPem => TcbSigning.CertificatePem + Root.CertificatePem;

    /// <summary>
    /// Loads the authority from <paramref name="directory"/>, creating it when the directory holds none of its files, or
    /// finishing a creation that was interrupted (see <see cref="StagedCreation"/>).
    /// </summary>
    public static SimulatedRootAuthority OpenOrCreate(string directory, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        var state = new StateDirectory(directory);
        // A finished authority is only read, without the lock: the shared root may be a read-only mount.
        if (state.Exists(RootCertificateFile) && !StagedCreation.IsPending(state))
        {
            return Load(state, logger);
        }
        using var _ = state.Lock(TimeSpan.FromSeconds(30));
        if (state.Exists(RootCertificateFile) && !StagedCreation.IsBuilt(state))
        {
            // Finished; a staging folder without .built beside a finished authority was never published.
            StagedCreation.Discard(state);
            return Load(state, logger);
        }
        if (!StagedCreation.IsPending(state))
        {
            ThrowIfPartial(state);
        }
        var resumed = StagedCreation.Run(state, PublishOrder,
            staging => Write(staging, (timeProvider ?? TimeProvider.System).GetUtcNow()),
            discarded => { if (logger is not null) { LogDiscardedStaging(logger, discarded); } });
        var authority = Load(state, logger: null);
        if (logger is not null)
        {
            if (resumed)
            {
                LogResumed(logger, state.Path, authority.Root.Certificate.Thumbprint);
            }
            else
            {
                LogCreated(logger, state.Path, authority.Root.Certificate.Thumbprint);
            }
        }
        return authority;
    }

    /// <summary>Loads an existing authority; never creates one.</summary>
    public static SimulatedRootAuthority Open(string directory, ILogger? logger = null)
    {
        var state = new StateDirectory(directory);
        if (!state.Exists(RootCertificateFile))
        {
            if (StagedCreation.IsPending(state))
            {
                throw new SimulationStateException(state.FileName(RootCertificateFile),
                    $"not there yet: the creation of this simulated root was interrupted; run 'confcom sim init --sim-root {state.Path}' to finish it");
            }
            ThrowIfPartial(state);
            throw new SimulationStateException(state.FileName(RootCertificateFile), "not found; run 'confcom sim init' first (or pass the right --sim-root)");
        }
        return Load(state, logger);
    }

    public void Dispose()
    {
        Root.Dispose();
        PckPlatformCa.Dispose();
        TcbSigning.Dispose();
    }

    private static void Write(StateDirectory staging, DateTimeOffset now)
    {
        using var root = CertificateIssuance.CreateRoot(now);
        using var pckCa = CertificateIssuance.CreateIntermediateCa(root, SimulatedDistinguishedNames.PckPlatformCaCommonName, now);
        using var tcbSigning = CertificateIssuance.CreateTcbSigner(root, now);
        staging.WriteEcdsaKey(RootKeyFile, root.Key);
        staging.WriteEcdsaKey(PckCaKeyFile, pckCa.Key);
        staging.WriteEcdsaKey(TcbSigningKeyFile, tcbSigning.Key);
        staging.WriteCertificate(PckCaCertificateFile, pckCa.Certificate);
        staging.WriteCertificate(TcbSigningCertificateFile, tcbSigning.Certificate);
        staging.WriteCertificate(RootCertificateFile, root.Certificate);
    }

    /// <summary>
    /// Files of an authority without its root certificate and without a staging folder: left by a confcom older than
    /// staged creation that was killed while creating it (or a root certificate was removed). Never replaced silently.
    /// </summary>
    private static void ThrowIfPartial(StateDirectory state)
    {
        var present = PublishOrder.Where(state.Exists).ToArray();
        if (present.Length == 0)
        {
            return;
        }
        throw new SimulationStateException(state.FileName(RootCertificateFile),
            $"missing, but {string.Join(", ", present)} exist: an earlier creation was interrupted (by an older confcom) or the file was removed. " +
            $"If no node was ever created under this root, move the partial files away and start again (mkdir {state.Path}.partial && mv {string.Join(" ", present.Select(state.FileName))} {state.Path}.partial/); otherwise restore {RootCertificateFile} from a backup");
    }

    private static SimulatedRootAuthority Load(StateDirectory state, ILogger? logger)
    {
        var root = LoadIdentity(state, RootCertificateFile, RootKeyFile);
        var pckCa = LoadIdentity(state, PckCaCertificateFile, PckCaKeyFile);
        var tcbSigning = LoadIdentity(state, TcbSigningCertificateFile, TcbSigningKeyFile);
        if (!ChainValidation.ChainsTo(root.Certificate, root.Certificate))
        {
            throw new SimulationStateException(state.FileName(RootCertificateFile), "is not a valid self-signed root certificate");
        }
        if (!ChainValidation.ChainsTo(pckCa.Certificate, root.Certificate))
        {
            throw new SimulationStateException(state.FileName(PckCaCertificateFile), $"is not signed by the root in {RootCertificateFile}; the directory mixes files of two simulated roots");
        }
        if (!ChainValidation.ChainsTo(tcbSigning.Certificate, root.Certificate))
        {
            throw new SimulationStateException(state.FileName(TcbSigningCertificateFile), $"is not signed by the root in {RootCertificateFile}; the directory mixes files of two simulated roots");
        }
        if (logger is not null)
        {
            LogLoaded(logger, state.Path, root.Certificate.Thumbprint);
        }
        return new SimulatedRootAuthority(state.Path, root, pckCa, tcbSigning);
    }

    internal static SigningIdentity LoadIdentity(StateDirectory state, string certificateFile, string keyFile)
    {
        var certificate = state.ReadCertificate(certificateFile);
        var key = state.ReadEcdsaKey(keyFile);
        var identity = new SigningIdentity(certificate, key);
        if (!identity.KeyMatchesCertificate())
        {
            identity.Dispose();
            throw new SimulationStateException(state.FileName(keyFile), $"does not hold the private key of {certificateFile}; restore the matching pair from a backup");
        }
        return identity;
    }
}
