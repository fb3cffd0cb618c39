using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Identity;
using Confcom.Simulation.Platform;
using Confcom.Simulation.Quoting;

namespace Confcom.Simulation.Collateral;

/// <summary>
/// Issues <see cref="SimulatedCollateral"/> for a simulated platform. The TCB levels are placed relative to the
/// platform's own PCK TCB so that each <see cref="CollateralScenario"/> yields the verdict it names; dates come from
/// the given issue time so expiry can be tested with a moved clock.
/// </summary>
public static class SimulatedCollateralIssuer
{
    /// <summary>How long issued collateral stays valid (Intel's TCB Info and CRLs: about 30 days).</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(30);

    /// <summary>The TCB evaluation data number of every simulated TCB Info and QE Identity.</summary>
    public const int TcbEvaluationDataNumber = 17;

    public static SimulatedCollateral Issue(SimulatedPlatform platform, CollateralScenario scenario,
        DateTimeOffset? issueTime = null, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (!Enum.IsDefined(scenario))
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown collateral scenario");
        }
        var issued = Truncate(issueTime ?? platform.TimeProvider.GetUtcNow());
        var nextUpdate = issued + (validity ?? DefaultValidity);
        var description = platform.Description;

        var tcbInfoText = new TcbInfo
        {
            Id = "SGX",
            Version = 3,
            IssueDate = issued,
            NextUpdate = nextUpdate,
            Fmspc = description.Fmspc,
            PceId = description.PceId,
            TcbType = 0,
            TcbEvaluationDataNumber = TcbEvaluationDataNumber,
            TcbLevels = [.. TcbLevels(description, scenario, issued)],
        }.ToSignedText();
        var qeIdentityText = QeIdentity(issued, nextUpdate, [.. QeLevels(description, scenario, issued)]).ToSignedText();
        var root = platform.Root;
        var revoked = scenario == CollateralScenario.RevokedPck ? platform.Node.Pck.Certificate : null;

        return new SimulatedCollateral
        {
            Scenario = scenario,
            IssueDate = issued,
            NextUpdate = nextUpdate,
            TcbInfo = Sign(root.TcbSigning, tcbInfoText),
            QeIdentity = Sign(root.TcbSigning, qeIdentityText),
            PckCrl = BuildCrl(root.PckPlatformCa, revoked, issued, nextUpdate),
            RootCaCrl = BuildCrl(root.Root, null, issued, nextUpdate),
            PckCrlIssuerChain = root.PckCaChainPem,
            TcbSigningIssuerChain = root.TcbSigningChainPem,
        };
    }

    /// <summary>Parses a scenario name as written on the command line (case-insensitive).</summary>
    public static CollateralScenario ParseScenario(string name) =>
        Enum.TryParse<CollateralScenario>(name, ignoreCase: true, out var scenario) && Enum.IsDefined(scenario)
            ? scenario
            : throw new ArgumentException($"unknown scenario '{name}'; use one of {string.Join(", ", Enum.GetNames<CollateralScenario>())}", nameof(name));

    /// <summary>The QE Identity of the simulated QE3: Intel's production QE3 signer and product id.</summary>
    private static QeIdentity QeIdentity(DateTimeOffset issued, DateTimeOffset nextUpdate, IReadOnlyList<EnclaveTcbLevel> levels)
    {
        var attributes = new byte[16];
        SimulatedQe3.Attributes.Write(attributes);
        // Like Intel's: DEBUG (bit 1) and XFRM are masked out, the other flag bits must match.
        attributes.AsSpan(8).Clear();
        return new QeIdentity
        {
            Id = "QE",
            Version = 2,
            IssueDate = issued,
            NextUpdate = nextUpdate,
            TcbEvaluationDataNumber = TcbEvaluationDataNumber,
            MiscSelect = MiscSelectBytes(),
            MiscSelectMask = [0xFF, 0xFF, 0xFF, 0xFF],
            Attributes = attributes,
            AttributesMask = Convert.FromHexString("FBFFFFFFFFFFFFFF0000000000000000"),
            MrSigner = IntelQuotingEnclave.ProductionMrSigner.ToArray(),
            IsvProdId = IntelQuotingEnclave.ProdId,
            TcbLevels = levels,
        };
    }

    /// <summary>MISCSELECT in report byte order, as QE Identity compares it.</summary>
    private static byte[] MiscSelectBytes()
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, SimulatedQe3.MiscSelect);
        return bytes;
    }

    private static TcbLevel Level(byte[] components, ushort pceSvn, DateTimeOffset date, TcbStatus status, params string[] advisories) =>
        new() { SgxComponents = components, PceSvn = pceSvn, TcbDate = date, Status = status, AdvisoryIds = advisories };

    private static EnclaveTcbLevel QeLevel(ushort isvSvn, DateTimeOffset date, TcbStatus status, params string[] advisories) =>
        new() { IsvSvn = isvSvn, TcbDate = date, Status = status, AdvisoryIds = advisories };

    private static IEnumerable<TcbLevel> TcbLevels(SimulatedPlatformDescription platform, CollateralScenario scenario, DateTimeOffset issued)
    {
        var current = platform.TcbComponents;
        var recent = issued.Date.AddDays(-30);
        var older = issued.Date.AddDays(-400);
        var (higher, higherPceSvn) = Above(current, platform.PceSvn);
        switch (scenario)
        {
            case CollateralScenario.OutOfDate:
                yield return Level(higher, higherPceSvn, recent, TcbStatus.UpToDate);
                yield return Level(current, platform.PceSvn, older, TcbStatus.OutOfDate, "INTEL-SA-00837");
                yield break;
            case CollateralScenario.RevokedTcbLevel:
                yield return Level(higher, higherPceSvn, recent, TcbStatus.UpToDate);
                yield return Level(current, platform.PceSvn, older, TcbStatus.Revoked, "INTEL-SA-00837");
                yield break;
            case CollateralScenario.SWHardeningNeeded:
                yield return Level(current, platform.PceSvn, recent, TcbStatus.SWHardeningNeeded, "INTEL-SA-00615");
                break;
            case CollateralScenario.ConfigurationNeeded:
                yield return Level(current, platform.PceSvn, recent, TcbStatus.ConfigurationNeeded, "INTEL-SA-00289");
                break;
            default:
                yield return Level(current, platform.PceSvn, recent, TcbStatus.UpToDate);
                break;
        }
        if (Below(current, platform.PceSvn) is var (lower, lowerPceSvn))
        {
            yield return Level(lower, lowerPceSvn, older, TcbStatus.OutOfDate, "INTEL-SA-00615");
        }
    }

    private static IEnumerable<EnclaveTcbLevel> QeLevels(SimulatedPlatformDescription platform, CollateralScenario scenario, DateTimeOffset issued)
    {
        var recent = issued.Date.AddDays(-30);
        var older = issued.Date.AddDays(-400);
        if (scenario == CollateralScenario.OutOfDateQe)
        {
            yield return QeLevel((ushort)(platform.QeSvn + 1), recent, TcbStatus.UpToDate);
            yield return QeLevel(platform.QeSvn, older, TcbStatus.OutOfDate, "INTEL-SA-00615");
            yield break;
        }
        yield return QeLevel(platform.QeSvn, recent, TcbStatus.UpToDate);
        if (platform.QeSvn > 0)
        {
            yield return QeLevel((ushort)(platform.QeSvn - 1), older, TcbStatus.OutOfDate, "INTEL-SA-00615");
        }
    }

    /// <summary>A level strictly above the platform: one more on the first component that can grow, else PCESVN.</summary>
    private static (byte[] Components, ushort PceSvn) Above(byte[] components, ushort pceSvn)
    {
        var higher = (byte[])components.Clone();
        for (var i = 0; i < higher.Length; i++)
        {
            if (higher[i] < byte.MaxValue)
            {
                higher[i]++;
                return (higher, pceSvn);
            }
        }
        return (higher, checked((ushort)(pceSvn + 1)));
    }

    /// <summary>A level strictly below the platform (for a realistic history), or null when the TCB is all zero.</summary>
    private static (byte[] Components, ushort PceSvn)? Below(byte[] components, ushort pceSvn)
    {
        if (pceSvn > 0)
        {
            return ((byte[])components.Clone(), (ushort)(pceSvn - 1));
        }
        var lower = (byte[])components.Clone();
        for (var i = 0; i < lower.Length; i++)
        {
            if (lower[i] > 0)
            {
                lower[i]--;
                return (lower, pceSvn);
            }
        }
        return null;
    }

    /// <summary>
    /// Signs collateral JSON text with the simulated TCB Signing key, the issuer of TCB Info and QE Identity: for
    /// tests and tools that edit collateral and need it validly signed (the verifier must then judge the content).
    /// </summary>
    public static SignedJsonDocument SignWithTcbSigningKey(SimulatedPlatform platform, string text)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(text);
        return Sign(platform.Root.TcbSigning, text);
    }

    private static SignedJsonDocument Sign(SigningIdentity signer, string text) =>
        new(text, signer.Key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    private static byte[] BuildCrl(SigningIdentity issuer, X509Certificate2? revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var builder = new CertificateRevocationListBuilder();
        if (revoked is not null)
        {
            builder.AddEntry(revoked, thisUpdate, X509RevocationReason.KeyCompromise);
        }
        // CRL number grows with the issue time, so a newer CRL always has a larger number.
        return builder.Build(
            issuer.Certificate.SubjectName,
            X509SignatureGenerator.CreateForECDsa(issuer.Key),
            new BigInteger(thisUpdate.ToUnixTimeSeconds()),
            nextUpdate,
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false),
            thisUpdate);
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcDateTime.Ticks - value.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
