using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Confcom.Hosting;
using Confcom.Testing;
using Confcom.Webhook.Tests.Admission;
using Confcom.Webhook.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace Confcom.Webhook.Tests.Hosting;

/// <summary>
/// cert-manager renews the serving certificate (about every 60 days) and rewrites caBundle; the webhook must present
/// the new pair to new connections without a restart, and no admission may fail meanwhile. Every request here opens a
/// new TLS connection, as the API server does whenever its pooled connection is gone.
/// </summary>
public sealed class CertificateRotationTests
{
    [Fact]
    public async Task Rotating_the_key_pair_under_load_fails_no_admission_and_new_connections_get_the_new_one()
    {
        using var oldCa = new TestCertificates("old");
        using var newCa = new TestCertificates("new");
        using var secret = new SecretVolume();
        using var oldLeaf = oldCa.IssueServing();
        using var newLeaf = newCa.IssueServing();
        secret.Publish(oldLeaf, oldCa.Authority);
        using var app = WebhookServerTests.Build(new WebhookOptions { ListenUrl = "https://127.0.0.1:0", TlsCertificatePath = secret.CertificatePath, TlsKeyPath = secret.KeyPath });
        await app.StartAsync();
        var address = DaemonHost.BoundAddresses(app).Single();

        var presented = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<string>();
        long admitted = 0;
        using var stop = new CancellationTokenSource();
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        // During the change the API server may hold either caBundle; a client trusting both sees any failure of ours.
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (ok, thumbprint, detail) = await AdmitOnNewConnectionAsync(address, c => oldCa.Trusts(c) || newCa.Trusts(c));
                if (ok)
                {
                    presented.Enqueue(thumbprint!);
                    Interlocked.Increment(ref admitted);
                }
                else
                {
                    failures.Enqueue(detail!);
                }
            }
        })).ToArray();

        while (Interlocked.Read(ref admitted) < 40 && failures.IsEmpty)
        {
            await Task.Delay(10, safetyNet.Token);
        }
        secret.Publish(newLeaf, newCa.Authority);
        while (presented.Count(t => t == newLeaf.Thumbprint) < 40 && failures.IsEmpty)
        {
            await Task.Delay(10, safetyNet.Token);
        }
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.Contains(oldLeaf.Thumbprint, presented);
        // Once the new pair is served, the old one never comes back.
        var firstNew = presented.ToList().IndexOf(newLeaf.Thumbprint);
        Assert.DoesNotContain(oldLeaf.Thumbprint, presented.Skip(firstNew + 16));
        // The API server with only the new caBundle is served; one with only the old is not any more.
        Assert.True((await AdmitOnNewConnectionAsync(address, newCa.Trusts)).Ok);
        Assert.False((await AdmitOnNewConnectionAsync(address, oldCa.Trusts)).Ok);
        await app.StopAsync();
    }

    private static Task<(bool Ok, string? Thumbprint, string? Detail)> AdmitOnNewConnectionAsync(Uri address, Func<X509Certificate2?, bool> trust) =>
        AdmissionOverTls.PostOnNewConnectionAsync(address, WebhookEndpointRouteBuilderExtensions.MutatePath, Reviews.Pod(), trust);
}
