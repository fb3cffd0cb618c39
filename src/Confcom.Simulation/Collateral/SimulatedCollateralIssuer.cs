using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Confcom.Simulation.Identity;
using Confcom.Simulation.Platform;

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

        var tcbInfoText = CollateralJson.TcbInfo(description.Fmspc, description.PceId, issued, nextUpdate, TcbLevels(description, scenario, issued));
        var qeIdentityText = CollateralJson.QeIdentity(issued, nextUpdate, QeLevels(description, scenario, issued));
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

    private static IEnumerable<TcbLevel> TcbLevels(SimulatedPlatformDescription platform, CollateralScenario scenario, DateTimeOffset issued)
    {
        var current = platform.TcbComponents;
        var recent = issued.Date.AddDays(-30);
        var older = issued.Date.AddDays(-400);
        var (higher, higherPceSvn) = Above(current, platform.PceSvn);
        switch (scenario)
        {
            case CollateralScenario.OutOfDate:
                yield return new TcbLevel(higher, higherPceSvn, recent, "UpToDate", []);
                yield return new TcbLevel(current, platform.PceSvn, older, "OutOfDate", ["INTEL-SA-00837"]);
                yield break;
            case CollateralScenario.RevokedTcbLevel:
                yield return new TcbLevel(higher, higherPceSvn, recent, "UpToDate", []);
                yield return new TcbLevel(current, platform.PceSvn, older, "Revoked", ["INTEL-SA-00837"]);
                yield break;
            case CollateralScenario.SWHardeningNeeded:
                yield return new TcbLevel(current, platform.PceSvn, recent, "SWHardeningNeeded", ["INTEL-SA-00615"]);
                break;
            case CollateralScenario.ConfigurationNeeded:
                yield return new TcbLevel(current, platform.PceSvn, recent, "ConfigurationNeeded", ["INTEL-SA-00289"]);
                break;
            default:
                yield return new TcbLevel(current, platform.PceSvn, recent, "UpToDate", []);
                break;
        }
        if (Below(current, platform.PceSvn) is var (lower, lowerPceSvn))
        {
            yield return new TcbLevel(lower, lowerPceSvn, older, "OutOfDate", ["INTEL-SA-00615"]);
        }
    }

    private static IEnumerable<QeTcbLevel> QeLevels(SimulatedPlatformDescription platform, CollateralScenario scenario, DateTimeOffset issued)
    {
        var recent = issued.Date.AddDays(-30);
        var older = issued.Date.AddDays(-400);
        if (scenario == CollateralScenario.OutOfDateQe)
        {
            yield return new QeTcbLevel((ushort)(platform.QeSvn + 1), recent, "UpToDate", []);
            yield return new QeTcbLevel(platform.QeSvn, older, "OutOfDate", ["INTEL-SA-00615"]);
            yield break;
        }
        yield return new QeTcbLevel(platform.QeSvn, recent, "UpToDate", []);
        if (platform.QeSvn > 0)
        {
            yield return new QeTcbLevel((ushort)(platform.QeSvn - 1), older, "OutOfDate", ["INTEL-SA-00615"]);
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
