using System.Security.Cryptography.X509Certificates;
using Confcom.Sgx.Pck;
using Confcom.Simulation.Platform;
using Confcom.Testing;

namespace Confcom.Simulation.Tests.Pck;

public class PckCertificateTests
{
    [Fact]
    public void SgxExtensionDecodesToTheConfiguredPlatform()
    {
        using var dir = new TempDirectory();
        var configured = SimulatedPlatformDescription.CreateDefault() with
        {
            TcbComponents = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 200, 255],
            PceSvn = 300,
            Fmspc = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66],
            PceId = [0x01, 0x02],
        };
        using var platform = SimulatedPlatform.OpenOrCreate(dir.File("node"), description: configured);
        var extension = platform.Node.Pck.Certificate.Extensions[SgxExtensionOids.SgxExtension];
        Assert.NotNull(extension);
        Assert.False(extension.Critical);

        var values = SgxExtensionReader.Read(extension.RawData);

        Assert.Equal(configured.Ppid, values[SgxExtensionOids.Ppid]);
        for (var i = 1; i <= 16; i++)
        {
            Assert.Equal((int)configured.TcbComponents[i - 1], values[SgxExtensionOids.TcbComponent(i)]);
        }
        Assert.Equal(300, values[SgxExtensionOids.PceSvn]);
        Assert.Equal(configured.CpuSvn, values[SgxExtensionOids.CpuSvn]);
        Assert.Equal(configured.PceId, values[SgxExtensionOids.PceId]);
        Assert.Equal(configured.Fmspc, values[SgxExtensionOids.Fmspc]);
        Assert.Equal(1, values[SgxExtensionOids.SgxType]);
        Assert.Equal(configured.PlatformInstanceId, values[SgxExtensionOids.PlatformInstanceId]);
        Assert.Equal(true, values[SgxExtensionOids.DynamicPlatform]);
        Assert.Equal(true, values[SgxExtensionOids.CachedKeys]);
        Assert.Equal(true, values[SgxExtensionOids.SmtEnabled]);
    }

    [Fact]
    public void TheSharedPckExtensionDecoderReadsTheConfiguredPlatform()
    {
        using var dir = new TempDirectory();
        var configured = SimulatedPlatformDescription.CreateDefault() with
        {
            TcbComponents = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 128],
            PceSvn = 11,
        };
        using var platform = SimulatedPlatform.OpenOrCreate(dir.File("node"), description: configured);

        var decoded = PckCertificateExtension.Parse(platform.Node.Pck.Certificate);

        Assert.Equal(configured.Ppid, decoded.Ppid.ToArray());
        Assert.Equal(configured.TcbComponents, decoded.Tcb.ComponentSvns.ToArray());
        Assert.Equal(configured.PceSvn, decoded.Tcb.PceSvn);
        Assert.Equal(configured.CpuSvn, decoded.Tcb.CpuSvn.ToArray());
        Assert.Equal(configured.PceId, decoded.PceId.ToArray());
        Assert.Equal(configured.Fmspc, decoded.Fmspc.ToArray());
        Assert.Equal(SgxType.Scalable, decoded.SgxType);
        Assert.Equal(configured.PlatformInstanceId, decoded.PlatformInstanceId.ToArray());
        Assert.Equal(new PckPlatformConfiguration(true, true, true), decoded.Configuration);
    }

    [Fact]
    public void ChainValidatesToTheSimulatedRootAndCarriesTheExtensionsQvlRequires()
    {
        using var dir = new TempDirectory();
        using var platform = SimulatedPlatform.OpenOrCreate(dir.File("node"));
        var pck = platform.Node.Pck.Certificate;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(platform.Root.RootCertificatePem));
        chain.ChainPolicy.ExtraStore.Add(X509Certificate2.CreateFromPem(platform.Root.PckPlatformCa.CertificatePem));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(pck), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(3, chain.ChainElements.Count);

        Assert.Contains("CN=Simulated Intel SGX PCK Certificate", pck.Subject, StringComparison.Ordinal);
        Assert.Contains("SGX PCK Certificate", pck.GetNameInfo(X509NameType.SimpleName, forIssuer: false), StringComparison.Ordinal);
        Assert.Contains("CA", pck.GetNameInfo(X509NameType.SimpleName, forIssuer: true), StringComparison.Ordinal);
        Assert.Contains("SGX Root CA", chain.ChainElements[2].Certificate.GetNameInfo(X509NameType.SimpleName, false), StringComparison.Ordinal);
        Assert.Contains("O=Intel Corporation", pck.Subject, StringComparison.Ordinal);
        Assert.Equal("1.2.840.10045.4.3.2", pck.SignatureAlgorithm.Value);

        Assert.NotNull(pck.Extensions["2.5.29.35"]); // AKI
        Assert.NotNull(pck.Extensions["2.5.29.14"]); // SKI
        Assert.NotNull(pck.Extensions["2.5.29.31"]); // CRL distribution points
        var keyUsage = Assert.IsType<X509KeyUsageExtension>(pck.Extensions["2.5.29.15"]);
        Assert.True(keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature));
        var basic = Assert.IsType<X509BasicConstraintsExtension>(pck.Extensions["2.5.29.19"]);
        Assert.False(basic.CertificateAuthority);

        var tcbSigner = platform.Root.TcbSigning.Certificate;
        Assert.Contains("SGX TCB Signing", tcbSigner.GetNameInfo(X509NameType.SimpleName, false), StringComparison.Ordinal);
    }
}
