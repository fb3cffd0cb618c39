using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Confcom.Simulation.Collateral;
using Confcom.Sgx.Collateral;

namespace Confcom.Simulation.Tests.Collateral;

public class SimulatedCollateralTests(SimulatedNodeFixture node) : IClassFixture<SimulatedNodeFixture>
{
    private static readonly DateTimeOffset IssueTime = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void JsonSignaturesVerifyOverTheExactTextWithTheTcbSigningCertificateOfTheChain()
    {
        var bundle = SimulatedCollateralIssuer.Issue(node.Platform, CollateralScenario.UpToDate, IssueTime).ToQuoteCollateral();
        // Through the file format, as a verifier would receive it.
        var reread = QuoteCollateral.Parse(bundle.ToJson(), "test");

        var chain = Certificates(reread.TcbInfoIssuerChain);
        Assert.Equal(2, chain.Count);
        Assert.Contains("SGX TCB Signing", chain[0].GetNameInfo(X509NameType.SimpleName, false), StringComparison.Ordinal);
        Assert.Equal(node.Platform.Root.Root.Certificate.RawData, chain[1].RawData);
        using var key = chain[0].GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(reread.TcbInfo), reread.TcbInfoSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(reread.QeIdentity), reread.QeIdentitySignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(key.VerifyData(Encoding.UTF8.GetBytes(reread.TcbInfo + " "), reread.TcbInfoSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.DoesNotContain(' ', reread.TcbInfo);
        Assert.DoesNotContain('\n', reread.QeIdentity);
    }

    [Fact]
    public void TcbInfoAndQeIdentityHaveThePcsShapeForThisPlatform()
    {
        var collateral = SimulatedCollateralIssuer.Issue(node.Platform, CollateralScenario.UpToDate, IssueTime);
        using var tcb = JsonDocument.Parse(collateral.TcbInfo.Text);
        var root = tcb.RootElement;
        Assert.Equal(["id", "version", "issueDate", "nextUpdate", "fmspc", "pceId", "tcbType", "tcbEvaluationDataNumber", "tcbLevels"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("SGX", root.GetProperty("id").GetString());
        Assert.Equal(3, root.GetProperty("version").GetInt32());
        Assert.Equal("2026-03-01T12:00:00Z", root.GetProperty("issueDate").GetString());
        Assert.Equal("2026-03-31T12:00:00Z", root.GetProperty("nextUpdate").GetString());
        Assert.Equal(Convert.ToHexString(node.Platform.Description.Fmspc), root.GetProperty("fmspc").GetString());
        Assert.Equal(Convert.ToHexString(node.Platform.Description.PceId), root.GetProperty("pceId").GetString());
        var top = root.GetProperty("tcbLevels")[0];
        Assert.Equal(16, top.GetProperty("tcb").GetProperty("sgxtcbcomponents").GetArrayLength());

        using var qe = JsonDocument.Parse(collateral.QeIdentity.Text);
        Assert.Equal("QE", qe.RootElement.GetProperty("id").GetString());
        Assert.Equal(2, qe.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("8C4F5775D796503E96137F77C68A829A0056AC8DED70140B081B094490C57BFF", qe.RootElement.GetProperty("mrsigner").GetString());
        Assert.Equal(1, qe.RootElement.GetProperty("isvprodid").GetInt32());

        // The PCS response body embeds the exact signed text.
        var body = collateral.TcbInfo.ToPcsBody("tcbInfo");
        using var parsedBody = JsonDocument.Parse(body);
        Assert.Equal(collateral.TcbInfo.Text, parsedBody.RootElement.GetProperty("tcbInfo").GetRawText());
        Assert.Equal(Convert.ToHexStringLower(collateral.TcbInfo.Signature), parsedBody.RootElement.GetProperty("signature").GetString());
    }

    [Fact]
    public void QeIdentityPolicyAcceptsTheSimulatedQeReport()
    {
        var collateral = SimulatedCollateralIssuer.Issue(node.Platform, CollateralScenario.UpToDate, IssueTime);
        using var qe = JsonDocument.Parse(collateral.QeIdentity.Text);
        var identity = Confcom.Simulation.Quoting.SimulatedQe3.Identity(node.Platform.Description.QeSvn);
        var attributes = new byte[16];
        identity.Attributes.Write(attributes);
        var expected = Convert.FromHexString(qe.RootElement.GetProperty("attributes").GetString()!);
        var mask = Convert.FromHexString(qe.RootElement.GetProperty("attributesMask").GetString()!);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(expected[i], (byte)(attributes[i] & mask[i]));
        }
        Assert.Equal(Convert.ToHexString(identity.MrSigner), qe.RootElement.GetProperty("mrsigner").GetString());
    }

    [Fact]
    public void CrlsAreSignedByTheirIssuersAndCarryCrlNumberAndAki()
    {
        var collateral = SimulatedCollateralIssuer.Issue(node.Platform, CollateralScenario.UpToDate, IssueTime);
        var pckCrl = CrlReader.Parse(collateral.PckCrl);
        var rootCrl = CrlReader.Parse(collateral.RootCaCrl);
        var root = node.Platform.Root;

        Assert.True(pckCrl.IsSignedBy(root.PckPlatformCa.Certificate));
        Assert.False(pckCrl.IsSignedBy(root.Root.Certificate));
        Assert.True(rootCrl.IsSignedBy(root.Root.Certificate));
        Assert.Equal(node.Platform.Node.Pck.Certificate.IssuerName.Name, pckCrl.Issuer);
        Assert.Equal(root.Root.Certificate.SubjectName.Name, rootCrl.Issuer);
        foreach (var crl in new[] { pckCrl, rootCrl })
        {
            Assert.Contains("2.5.29.20", crl.Extensions.Keys); // CRL number
            Assert.Contains("2.5.29.35", crl.Extensions.Keys); // AKI
            Assert.Equal(IssueTime, crl.ThisUpdate);
            Assert.Equal(IssueTime.AddDays(30), crl.NextUpdate);
            Assert.Empty(crl.RevokedSerials);
        }
        var pckCaChain = Certificates(collateral.PckCrlIssuerChain);
        Assert.Equal(root.PckPlatformCa.Certificate.RawData, pckCaChain[0].RawData);
    }

    [Fact]
    public void RevokedPckScenarioListsThePckSerialInThePckCrl()
    {
        var collateral = SimulatedCollateralIssuer.Issue(node.Platform, CollateralScenario.RevokedPck, IssueTime);
        var crl = CrlReader.Parse(collateral.PckCrl);
        var serial = new BigInteger(node.Platform.Node.Pck.Certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true);
        Assert.Equal([serial], crl.RevokedSerials);
        Assert.True(crl.IsSignedBy(node.Platform.Root.PckPlatformCa.Certificate));
        Assert.Empty(CrlReader.Parse(collateral.RootCaCrl).RevokedSerials);
    }

    [Theory]
    [InlineData(CollateralScenario.UpToDate, "UpToDate", "UpToDate")]
    [InlineData(CollateralScenario.SWHardeningNeeded, "SWHardeningNeeded", "UpToDate")]
    [InlineData(CollateralScenario.ConfigurationNeeded, "ConfigurationNeeded", "UpToDate")]
    [InlineData(CollateralScenario.OutOfDate, "OutOfDate", "UpToDate")]
    [InlineData(CollateralScenario.OutOfDateQe, "UpToDate", "OutOfDate")]
    [InlineData(CollateralScenario.RevokedPck, "UpToDate", "UpToDate")]
    [InlineData(CollateralScenario.RevokedTcbLevel, "Revoked", "UpToDate")]
    public void EachScenarioGivesThePlatformAndQeTheStatusItNames(CollateralScenario scenario, string platformStatus, string qeStatus)
    {
        var collateral = SimulatedCollateralIssuer.Issue(node.Platform, scenario, IssueTime);
        var description = node.Platform.Description;
        Assert.Equal(platformStatus, MatchTcbLevel(collateral.TcbInfo.Text, description.TcbComponents, description.PceSvn));
        Assert.Equal(qeStatus, MatchQeLevel(collateral.QeIdentity.Text, description.QeSvn));
        if (platformStatus != "UpToDate")
        {
            Assert.Contains("advisoryIDs", collateral.TcbInfo.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ValidityWindowFollowsTheIssueTimeAndValidity()
    {
        var collateral = SimulatedCollateralIssuer.Issue(node.Platform, CollateralScenario.UpToDate, IssueTime, TimeSpan.FromHours(1));
        Assert.Equal(IssueTime.AddHours(1), collateral.NextUpdate);
        using var tcb = JsonDocument.Parse(collateral.TcbInfo.Text);
        Assert.Equal("2026-03-01T13:00:00Z", tcb.RootElement.GetProperty("nextUpdate").GetString());
        using var qe = JsonDocument.Parse(collateral.QeIdentity.Text);
        Assert.Equal("2026-03-01T12:00:00Z", qe.RootElement.GetProperty("issueDate").GetString());
        Assert.Equal(IssueTime.AddHours(1), CrlReader.Parse(collateral.PckCrl).NextUpdate);
    }

    [Fact]
    public void UnknownScenarioNameIsRejectedWithTheListOfNames()
    {
        Assert.Equal(CollateralScenario.OutOfDateQe, SimulatedCollateralIssuer.ParseScenario("outofdateqe"));
        var error = Assert.Throws<ArgumentException>(() => SimulatedCollateralIssuer.ParseScenario("Sunny"));
        Assert.Contains("RevokedTcbLevel", error.Message, StringComparison.Ordinal);
    }

    /// <summary>aesm-dcap §5.6: levels sorted descending, first one the platform is at or above.</summary>
    private static string MatchTcbLevel(string tcbInfo, byte[] components, ushort pceSvn)
    {
        using var document = JsonDocument.Parse(tcbInfo);
        var levels = document.RootElement.GetProperty("tcbLevels").EnumerateArray()
            .Select(level => (
                Comps: level.GetProperty("tcb").GetProperty("sgxtcbcomponents").EnumerateArray().Select(c => c.GetProperty("svn").GetInt32()).ToArray(),
                Pce: level.GetProperty("tcb").GetProperty("pcesvn").GetInt32(),
                Status: level.GetProperty("tcbStatus").GetString()!))
            .ToList();
        levels.Sort((a, b) =>
        {
            for (var i = 0; i < 16; i++)
            {
                if (a.Comps[i] != b.Comps[i])
                {
                    return b.Comps[i].CompareTo(a.Comps[i]);
                }
            }
            return b.Pce.CompareTo(a.Pce);
        });
        Assert.Equal(levels.Count, levels.Select(l => string.Join(",", l.Comps) + "/" + l.Pce).Distinct().Count());
        return levels.First(l => Enumerable.Range(0, 16).All(i => components[i] >= l.Comps[i]) && pceSvn >= l.Pce).Status;
    }

    private static string MatchQeLevel(string qeIdentity, ushort isvSvn)
    {
        using var document = JsonDocument.Parse(qeIdentity);
        return document.RootElement.GetProperty("tcbLevels").EnumerateArray()
            .First(l => l.GetProperty("tcb").GetProperty("isvsvn").GetInt32() <= isvSvn)
            .GetProperty("tcbStatus").GetString()!;
    }

    private static List<X509Certificate2> Certificates(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return [.. collection];
    }
}
