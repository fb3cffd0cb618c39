using System.Security.Cryptography.X509Certificates;
using Confcom.Simulation.Platform;
using Confcom.Simulation.State;
using Confcom.Testing;

namespace Confcom.Simulation.Tests.State;

public class PersistedStateTests
{
    [Fact]
    public void CreatedOnceThenReloadedIdentically()
    {
        using var dir = new TempDirectory();
        byte[] pckDer, attestationKey, reportKeyId, rootDer;
        using (var first = SimulatedPlatform.OpenOrCreate(dir.File("node")))
        {
            pckDer = first.Node.Pck.Certificate.RawData;
            attestationKey = first.Node.AttestationPublicKey;
            reportKeyId = first.Node.ReportKey.KeyId;
            rootDer = first.Root.Root.Certificate.RawData;
        }
        var filesBefore = Snapshot(dir.Path);

        using var second = SimulatedPlatform.OpenOrCreate(dir.File("node"));
        Assert.Equal(pckDer, second.Node.Pck.Certificate.RawData);
        Assert.Equal(attestationKey, second.Node.AttestationPublicKey);
        Assert.Equal(reportKeyId, second.Node.ReportKey.KeyId);
        Assert.Equal(rootDer, second.Root.Root.Certificate.RawData);
        Assert.Equal(filesBefore, Snapshot(dir.Path));
    }

    [Fact]
    public void ReportsMadeBeforeARestartStillVerifyAfterIt()
    {
        using var dir = new TempDirectory();
        Confcom.Sgx.Structures.SgxReport report;
        using (var first = SimulatedPlatform.OpenOrCreate(dir.File("node")))
        {
            var app = new Confcom.Simulation.Enclaves.SimulatedEnclave(first, new Confcom.Simulation.Enclaves.SimulatedEnclaveIdentity { MrEnclave = new byte[32], MrSigner = new byte[32] });
            report = app.CreateReport(Confcom.Simulation.Quoting.SimulatedQe3.Identity(first.Description.QeSvn).TargetInfo, new byte[64]);
        }
        using var second = SimulatedPlatform.OpenOrCreate(dir.File("node"));
        var qe = new Confcom.Simulation.Enclaves.SimulatedEnclave(second, Confcom.Simulation.Quoting.SimulatedQe3.Identity(second.Description.QeSvn));
        Assert.True(qe.VerifyReport(report));
    }

    public static TheoryData<string, string> CorruptFiles => new()
    {
        { "pck-cert.pem", "truncated" },
        { "pck-cert.pem", "garbage" },
        { "pck-key.pem", "truncated" },
        { "pck-key.pem", "other-key" },
        { "attestation-key.pem", "garbage" },
        { "attestation-key.pem", "other-key" },
        { "attestation-key.pub", "garbage" },
        { "platform-secret.key", "truncated" },
        { "platform.json", "garbage" },
        { "platform.json", "truncated" },
        { "root/root-ca.pem", "truncated" },
        { "root/root-ca-key.pem", "other-key" },
        { "root/pck-platform-ca-key.pem", "garbage" },
        { "root/tcb-signing.pem", "garbage" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void CorruptFileStopsLoadingNamesTheFileAndIsKept(string file, string damage)
    {
        using var dir = new TempDirectory();
        var node = dir.File("node");
        SimulatedPlatform.OpenOrCreate(node).Dispose();
        var path = Path.Combine(node, file);
        var original = File.ReadAllText(path);
        var damaged = damage switch
        {
            "truncated" => original[..(original.Length / 2)],
            "garbage" => "this is not what you are looking for\n",
            "other-key" => System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
        File.WriteAllText(path, damaged);
        var before = Snapshot(dir.Path);

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.OpenOrCreate(node));

        Assert.Contains(Path.GetFileName(path), error.Message, StringComparison.Ordinal);
        Assert.Equal(damaged, File.ReadAllText(path));
        Assert.Equal(before, Snapshot(dir.Path));
    }

    [Fact]
    public void MissingFileOfAnExistingIdentityIsAnErrorNotANewIdentity()
    {
        using var dir = new TempDirectory();
        var node = dir.File("node");
        SimulatedPlatform.OpenOrCreate(node).Dispose();
        File.Delete(Path.Combine(node, "attestation-key.pem"));

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.OpenOrCreate(node));
        Assert.Contains("attestation-key.pem", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(node, "attestation-key.pem")));
    }

    [Fact]
    public void NodeOpenedUnderAnotherRootIsRejected()
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("node"), dir.File("root-a")).Dispose();
        SimulatedPlatform.OpenOrCreate(dir.File("other"), dir.File("root-b")).Dispose();

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.OpenOrCreate(dir.File("node"), dir.File("root-b")));
        Assert.Contains("pck-cert.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingNodePointedAtAnEmptyRootDirectoryCreatesNoRoot()
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("node"), dir.File("root-a")).Dispose();

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.OpenOrCreate(dir.File("node"), dir.File("root-new")));
        Assert.Contains("root-ca.pem", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("root-new")));
    }

    [Fact]
    public void TwoNodesSharingASimRootChainToTheSameRoot()
    {
        using var dir = new TempDirectory();
        using var a = SimulatedPlatform.OpenOrCreate(dir.File("a"), dir.File("root"));
        using var b = SimulatedPlatform.OpenOrCreate(dir.File("b"), dir.File("root"));

        Assert.Equal(a.Root.Root.Certificate.RawData, b.Root.Root.Certificate.RawData);
        Assert.NotEqual(a.Node.Pck.Certificate.RawData, b.Node.Pck.Certificate.RawData);
        Assert.NotEqual(a.Node.AttestationPublicKey, b.Node.AttestationPublicKey);
        using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir.File("root"), "root-ca.pem")));
        foreach (var node in new[] { a, b })
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.ExtraStore.Add(node.Root.PckPlatformCa.Certificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            Assert.True(chain.Build(node.Node.Pck.Certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        }

        // Later commands find the shared root from the node directory alone.
        using var reopened = SimulatedPlatform.Open(dir.File("b"));
        Assert.Equal(a.Root.Root.Certificate.RawData, reopened.Root.Root.Certificate.RawData);
    }

    [Fact]
    public async Task ConcurrentFirstStartsCreateOneIdentity()
    {
        using var dir = new TempDirectory();
        var platforms = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            SimulatedPlatform.OpenOrCreate(i % 2 == 0 ? dir.File("a") : dir.File("b"), dir.File("root")))));
        try
        {
            Assert.Single(platforms.Select(p => p.Root.Root.Certificate.Thumbprint).Distinct());
            Assert.Single(platforms.Where(p => p.StateDirectory == dir.File("a")).Select(p => p.Node.Pck.Certificate.SerialNumber).Distinct());
            Assert.Single(platforms.Where(p => p.StateDirectory == dir.File("b")).Select(p => p.Node.Pck.Certificate.SerialNumber).Distinct());
            Assert.Equal(2, platforms.Count(p => p.WasCreated));
        }
        finally
        {
            foreach (var platform in platforms)
            {
                platform.Dispose();
            }
        }
    }

    [Fact]
    public void OpenWithoutInitSaysToRunInit()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.Open(dir.File("empty")));
        Assert.Contains("sim init", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void SecretsAreOwnerOnly()
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("node")).Dispose();
        foreach (var secret in new[] { "node/pck-key.pem", "node/attestation-key.pem", "node/platform-secret.key", "node/root/root-ca-key.pem" })
        {
            var mode = File.GetUnixFileMode(Path.Combine(dir.Path, secret));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        }
    }

    private static SortedDictionary<string, string> Snapshot(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText), StringComparer.Ordinal);
}
