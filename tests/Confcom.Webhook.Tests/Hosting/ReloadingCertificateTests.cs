using System.Security.Cryptography.X509Certificates;
using Confcom.Webhook.Hosting;
using Confcom.Webhook.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Webhook.Tests.Hosting;

public sealed class ReloadingCertificateTests
{
    [Fact]
    public void A_pair_swapped_in_like_a_secret_volume_update_is_served_from_the_next_check()
    {
        using var ca = new TestCertificates("cluster");
        using var secret = new SecretVolume();
        using var first = ca.IssueServing();
        using var second = ca.IssueServing();
        secret.Publish(first, ca.Authority);
        var certificate = new ReloadingCertificate(secret.CertificatePath, secret.KeyPath, NullLogger.Instance);
        Assert.Equal(first.Thumbprint, certificate.Current.TargetCertificate.Thumbprint);

        secret.Publish(second, ca.Authority);
        certificate.CheckNow();

        Assert.Equal(second.Thumbprint, certificate.Current.TargetCertificate.Thumbprint);
    }

    [Fact]
    public void A_pair_rewritten_one_file_at_a_time_keeps_the_previous_certificate_until_both_match()
    {
        using var ca = new TestCertificates("cluster");
        using var secret = new SecretVolume();
        using var first = ca.IssueServing();
        using var second = ca.IssueServing();
        secret.Publish(first);
        var certificate = new ReloadingCertificate(secret.CertificatePath, secret.KeyPath, NullLogger.Instance);

        // A writer that is not atomic: the certificate first (it no longer matches the key), then the key.
        File.WriteAllText(secret.CertificatePath, second.ExportCertificatePem());
        certificate.CheckNow();
        Assert.Equal(first.Thumbprint, certificate.Current.TargetCertificate.Thumbprint);

        File.WriteAllText(secret.KeyPath, "-----BEGIN PRIVATE KEY-----\ntruncat");
        certificate.CheckNow();
        Assert.Equal(first.Thumbprint, certificate.Current.TargetCertificate.Thumbprint);

        using (var key = second.GetECDsaPrivateKey()!)
        {
            File.WriteAllText(secret.KeyPath, key.ExportPkcs8PrivateKeyPem());
        }
        certificate.CheckNow();
        Assert.Equal(second.Thumbprint, certificate.Current.TargetCertificate.Thumbprint);
    }

    [Fact]
    public void Missing_or_oversized_files_at_start_fail_naming_both_files()
    {
        using var secret = new SecretVolume();
        var missing = Assert.Throws<InvalidOperationException>(() => new ReloadingCertificate(secret.CertificatePath, secret.KeyPath, NullLogger.Instance));
        Assert.Contains(secret.CertificatePath, missing.Message, StringComparison.Ordinal);
        Assert.Contains(secret.KeyPath, missing.Message, StringComparison.Ordinal);

        File.CreateSymbolicLink(secret.CertificatePath, "/dev/zero");
        File.CreateSymbolicLink(secret.KeyPath, "/dev/zero");
        var huge = Assert.Throws<InvalidOperationException>(() => new ReloadingCertificate(secret.CertificatePath, secret.KeyPath, NullLogger.Instance));
        Assert.Contains("larger than", huge.Message, StringComparison.Ordinal);
    }
}
