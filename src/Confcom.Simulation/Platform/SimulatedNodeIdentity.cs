using System.Security.Cryptography;
using Confcom.Simulation.Identity;
using Confcom.Simulation.Reports;
using Confcom.Simulation.State;

namespace Confcom.Simulation.Platform;

/// <summary>
/// One simulated node's secrets and certificates, persisted in its state directory: the platform description, the
/// PCK certificate and key (issued by the shared PCK Platform CA), the QE's attestation key and the platform secret
/// the report key derives from.
/// </summary>
public sealed class SimulatedNodeIdentity : IDisposable
{
    internal const string PckCertificateFile = "pck-cert.pem";
    internal const string PckKeyFile = "pck-key.pem";
    internal const string AttestationKeyFile = "attestation-key.pem";
    internal const string AttestationPublicKeyFile = "attestation-key.pub";
    internal const string PlatformSecretFile = "platform-secret.key";

    /// <summary>Records where the node's root is, relative to the state directory (see <see cref="SimulatedPlatform"/>).</summary>
    internal const string RootLocationFile = "sim-root.path";

    /// <summary>Secrets first, <c>platform.json</c> last: its presence marks a finished identity.</summary>
    private static readonly string[] PublishOrder =
        [PlatformSecretFile, AttestationKeyFile, AttestationPublicKeyFile, PckKeyFile, PckCertificateFile, RootLocationFile, PlatformDescriptionFile.FileName];

    private SimulatedNodeIdentity(string directory, SimulatedPlatformDescription description, SigningIdentity pck,
        ECDsa attestationKey, PlatformReportKey reportKey)
    {
        Directory = directory;
        Description = description;
        Pck = pck;
        AttestationKey = attestationKey;
        AttestationPublicKey = RawPublicKey(attestationKey);
        ReportKey = reportKey;
    }

    public string Directory { get; }

    public SimulatedPlatformDescription Description { get; }

    /// <summary>This node's PCK certificate (and key, which signs QE reports).</summary>
    public SigningIdentity Pck { get; }

    /// <summary>The attestation key as quotes carry it: raw X‖Y, 64 bytes, big-endian.</summary>
    public byte[] AttestationPublicKey { get; }

    public PlatformReportKey ReportKey { get; }

    internal ECDsa AttestationKey { get; }

    /// <summary>PKCS#8 of the attestation key, so that signers can use one key instance per call.</summary>
    internal byte[] ExportAttestationKey() => AttestationKey.ExportPkcs8PrivateKey();

    internal byte[] ExportPckKey() => Pck.Key.ExportPkcs8PrivateKey();

    /// <summary>Any file of an identity, finished or not (the root location file alone does not count).</summary>
    internal static string[] PartialFilesIn(StateDirectory state) =>
        PublishOrder.Where(name => name != RootLocationFile && state.Exists(name)).ToArray();

    internal static bool IsCompleteIn(StateDirectory state) => state.Exists(PlatformDescriptionFile.FileName);

    /// <summary>
    /// Creates the identity through <see cref="StagedCreation"/>, or finishes one an earlier run was killed in the middle
    /// of (then <paramref name="root"/> must be the root it chose: the caller reads it from the staged root location).
    /// Returns true when an interrupted creation was finished. The caller holds the directory's lock.
    /// </summary>
    internal static bool Create(StateDirectory state, SimulatedRootAuthority root, string rootLocation,
        SimulatedPlatformDescription description, DateTimeOffset now, Action<string>? discarded)
    {
        description.Validate();
        return StagedCreation.Run(state, PublishOrder, staging =>
        {
            using var pck = CertificateIssuance.CreatePck(root.PckPlatformCa, description.PckExtension().ToX509Extension(), now);
            using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var reportKey = PlatformReportKey.CreateNew();
            staging.WriteText(PlatformSecretFile, Convert.ToHexString(reportKey.Secret) + "\n", secret: true);
            staging.WriteEcdsaKey(AttestationKeyFile, attestationKey);
            staging.WriteText(AttestationPublicKeyFile, Convert.ToHexString(RawPublicKey(attestationKey)) + "\n");
            staging.WriteEcdsaKey(PckKeyFile, pck.Key);
            staging.WriteCertificate(PckCertificateFile, pck.Certificate);
            staging.WriteText(RootLocationFile, rootLocation + "\n");
            staging.WriteText(PlatformDescriptionFile.FileName, PlatformDescriptionFile.ToJson(description));
        }, discarded);
    }

    internal static SimulatedNodeIdentity Load(StateDirectory state, SimulatedRootAuthority root)
    {
        SimulatedPlatformDescription description;
        try
        {
            description = PlatformDescriptionFile.Parse(state.ReadText(PlatformDescriptionFile.FileName));
        }
        catch (FormatException ex)
        {
            throw new SimulationStateException(state.FileName(PlatformDescriptionFile.FileName), ex.Message, ex);
        }

        var pck = SimulatedRootAuthority.LoadIdentity(state, PckCertificateFile, PckKeyFile);
        ECDsa? attestationKey = null;
        try
        {
            if (!ChainValidation.ChainsTo(pck.Certificate, root.Root.Certificate, root.PckPlatformCa.Certificate))
            {
                throw new SimulationStateException(state.FileName(PckCertificateFile),
                    $"does not chain to the simulated root in {root.Directory}; this node was created with another --sim-root");
            }
            var extension = pck.Certificate.Extensions[Confcom.Sgx.Pck.SgxExtensionOids.SgxExtension];
            if (extension is null || !extension.RawData.AsSpan().SequenceEqual(description.PckExtension().Encode()))
            {
                throw new SimulationStateException(state.FileName(PckCertificateFile),
                    $"does not certify the platform described in {PlatformDescriptionFile.FileName} (SGX extension differs); restore the matching pair");
            }

            attestationKey = state.ReadEcdsaKey(AttestationKeyFile);
            var storedPublic = ReadHex(state, AttestationPublicKeyFile, 64);
            if (!storedPublic.AsSpan().SequenceEqual(RawPublicKey(attestationKey)))
            {
                throw new SimulationStateException(state.FileName(AttestationKeyFile),
                    $"does not match the public key recorded in {AttestationPublicKeyFile}; quotes signed with it would not match earlier key ids");
            }
            var reportKey = new PlatformReportKey(ReadHex(state, PlatformSecretFile, PlatformReportKey.SecretSize));
            return new SimulatedNodeIdentity(state.Path, description, pck, attestationKey, reportKey);
        }
        catch
        {
            attestationKey?.Dispose();
            pck.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Pck.Dispose();
        AttestationKey.Dispose();
    }

    internal static byte[] RawPublicKey(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return [.. parameters.Q.X!, .. parameters.Q.Y!];
    }

    private static byte[] ReadHex(StateDirectory state, string name, int length)
    {
        var text = state.ReadText(name).Trim();
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(text);
        }
        catch (FormatException ex)
        {
            throw new SimulationStateException(state.FileName(name), $"is not a hex string of {length} bytes", ex);
        }
        if (bytes.Length != length)
        {
            throw new SimulationStateException(state.FileName(name), $"holds {bytes.Length} bytes, expected {length}");
        }
        return bytes;
    }
}
