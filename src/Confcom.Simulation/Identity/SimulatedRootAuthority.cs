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

    private static readonly string[] AllFiles =
        [RootCertificateFile, RootKeyFile, PckCaCertificateFile, PckCaKeyFile, TcbSigningCertificateFile, TcbSigningKeyFile];

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

    /// <summary>Loads the authority from <paramref name="directory"/>, creating it when the directory holds none of its files.</summary>
    public static SimulatedRootAuthority OpenOrCreate(string directory, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        var state = new StateDirectory(directory);
        // A complete authority is only read, without the lock: the shared root may be a read-only mount.
        if (AllFiles.All(state.Exists))
        {
            return Load(state, logger);
        }
        using var _ = state.Lock(TimeSpan.FromSeconds(30));
        if (!AllFiles.Any(state.Exists))
        {
            return Create(state, (timeProvider ?? TimeProvider.System).GetUtcNow(), logger);
        }
        return Load(state, logger);
    }

    /// <summary>Loads an existing authority; never creates one.</summary>
    public static SimulatedRootAuthority Open(string directory, ILogger? logger = null)
    {
        var state = new StateDirectory(directory);
        if (!state.Exists(RootCertificateFile))
        {
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

    private static SimulatedRootAuthority Create(StateDirectory state, DateTimeOffset now, ILogger? logger)
    {
        state.EnsureCreated();
        var root = CertificateIssuance.CreateRoot(now);
        var pckCa = CertificateIssuance.CreateIntermediateCa(root, SimulatedDistinguishedNames.PckPlatformCaCommonName, now);
        var tcbSigning = CertificateIssuance.CreateTcbSigner(root, now);
        // Keys first and the root certificate last: an interrupted creation is then reported as incomplete on the
        // next start instead of looking like a finished authority.
        state.WriteEcdsaKey(RootKeyFile, root.Key);
        state.WriteEcdsaKey(PckCaKeyFile, pckCa.Key);
        state.WriteEcdsaKey(TcbSigningKeyFile, tcbSigning.Key);
        state.WriteCertificate(PckCaCertificateFile, pckCa.Certificate);
        state.WriteCertificate(TcbSigningCertificateFile, tcbSigning.Certificate);
        state.WriteCertificate(RootCertificateFile, root.Certificate);
        if (logger is not null)
        {
            LogCreated(logger, state.Path, root.Certificate.Thumbprint);
        }
        return new SimulatedRootAuthority(state.Path, root, pckCa, tcbSigning);
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
